//! Polite HTTP: one request at a time per host with a delay between them, robots.txt read once
//! per host (again after a day), conditional GETs, bounded retries with backoff, timeouts and a
//! size limit.
//! Redirects are followed here, hop by hop, so each hop's host gets robots.txt and the delay.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ureq::http::StatusCode;
use ureq::Agent;
use url::Url;

use crate::robots::Robots;
use crate::Options;

/// The User-Agent marsad announces (robots.txt groups for `marsad` apply to it).
pub const USER_AGENT: &str = concat!("marsad/", env!("CARGO_PKG_VERSION"), " (news feed reader)");

const MAX_REDIRECTS: usize = 5;

/// How long a robots.txt is trusted (RFC 9309 asks for no more than a day).
const ROBOTS_MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// Validators a conditional GET sends.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful fetch.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the resource has not changed since the validators were saved.
    NotModified,
    Body(Page),
}

/// A 2xx body and what its headers said.
#[derive(Debug)]
pub struct Page {
    /// Where the body came from, after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    pub charset: Option<String>,
    pub validators: Validators,
}

/// Why a fetch failed. `Transient` failures (5xx, timeouts, connection errors) may pass; the
/// others will not, so the caller may record them for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    Transient(String),
    Permanent(String),
}

impl FetchError {
    /// The same kind of failure with another reason.
    pub fn map_reason(self, f: impl FnOnce(String) -> String) -> FetchError {
        match self {
            FetchError::Transient(r) => FetchError::Transient(f(r)),
            FetchError::Permanent(r) => FetchError::Permanent(f(r)),
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            FetchError::Transient(r) | FetchError::Permanent(r) => r,
        }
    }
}

/// The one HTTP client of a watch run.
pub struct Fetcher {
    agent: Agent,
    delay: Duration,
    retries: u32,
    backoff: Duration,
    max_bytes: u64,
    /// When each host was last asked, for the per-host delay.
    last_request: HashMap<String, Instant>,
    /// Each host's robots.txt and when it was fetched.
    robots: HashMap<String, (Instant, Robots)>,
}

impl Fetcher {
    pub fn new(opts: &Options) -> Fetcher {
        let agent: Agent = Agent::config_builder()
            .user_agent(USER_AGENT)
            .timeout_global(Some(opts.timeout))
            .max_redirects(0)
            .max_redirects_will_error(false)
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher {
            agent,
            delay: opts.delay,
            retries: opts.retries,
            backoff: opts.backoff,
            max_bytes: opts.max_bytes,
            last_request: HashMap::new(),
            robots: HashMap::new(),
        }
    }

    /// GETs `url`, following redirects, with `validators` for a conditional GET. Every hop must
    /// be allowed by its host's robots.txt. Reasons are short; one about a redirect's target
    /// names it.
    pub fn get(&mut self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let start = parse_url(url)?;
        self.follow(start.clone(), validators).map_err(|(hop, e)| {
            if hop == start {
                e
            } else {
                e.map_reason(|r| format!("after a redirect to {hop}: {r}"))
            }
        })
    }

    /// The redirect chain from `url`; an error comes with the hop it happened at.
    fn follow(
        &mut self,
        mut url: Url,
        validators: &Validators,
    ) -> Result<Fetched, (Url, FetchError)> {
        for _ in 0..=MAX_REDIRECTS {
            if !self.robots_allow(&url) {
                let e = FetchError::Permanent("disallowed by robots.txt".into());
                return Err((url, e));
            }
            match self.request(&url, validators) {
                Ok(Hop::Redirect(to)) => match url.join(&to) {
                    Ok(next) => url = next,
                    Err(e) => {
                        let e = FetchError::Permanent(format!("bad redirect to {to:?}: {e}"));
                        return Err((url, e));
                    }
                },
                Ok(Hop::Done(fetched)) => return Ok(fetched),
                Err(e) => return Err((url, e)),
            }
        }
        let e = FetchError::Permanent(format!("more than {MAX_REDIRECTS} redirects"));
        Err((url, e))
    }

    /// One URL, retried on transient failures with a doubling backoff.
    fn request(&mut self, url: &Url, validators: &Validators) -> Result<Hop, FetchError> {
        let mut wait = self.backoff;
        let mut attempt = 0;
        loop {
            match self.attempt(url, validators) {
                // Not at once: a 5xx or a timeout is often a server under load.
                Err(FetchError::Transient(_)) if attempt < self.retries => {
                    std::thread::sleep(wait);
                    wait = wait.saturating_mul(2);
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    fn attempt(&mut self, url: &Url, validators: &Validators) -> Result<Hop, FetchError> {
        self.wait_for_host(url);
        let mut req = self.agent.get(url.as_str());
        if let Some(etag) = &validators.etag {
            req = req.header("If-None-Match", etag);
        }
        if let Some(lm) = &validators.last_modified {
            req = req.header("If-Modified-Since", lm);
        }
        let result = req.call();
        self.last_request.insert(host_key(url), Instant::now());
        let mut resp = result.map_err(transport_error)?;
        let status = resp.status();
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            let to = header(&resp, "location").ok_or_else(|| {
                FetchError::Permanent(format!("HTTP {} without Location", status.as_u16()))
            })?;
            return Ok(Hop::Redirect(to));
        }
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Hop::Done(Fetched::NotModified));
        }
        if !status.is_success() {
            let reason = format!("HTTP {}", status.as_u16());
            // 408 and 429 say "later"; other 4xx say "never".
            let later = status.is_server_error() || matches!(status.as_u16(), 408 | 429);
            return Err(if later {
                FetchError::Transient(reason)
            } else {
                FetchError::Permanent(reason)
            });
        }
        let validators = Validators {
            etag: header(&resp, "etag"),
            last_modified: header(&resp, "last-modified"),
        };
        let charset = resp.body().charset().map(str::to_string);
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(transport_error)?;
        Ok(Hop::Done(Fetched::Body(Page {
            url: url.to_string(),
            bytes,
            charset,
            validators,
        })))
    }

    /// Sleeps until the host's delay since its last request has passed.
    fn wait_for_host(&self, url: &Url) {
        if let Some(last) = self.last_request.get(&host_key(url)) {
            let since = last.elapsed();
            if since < self.delay {
                std::thread::sleep(self.delay - since);
            }
        }
    }

    /// Whether the host's robots.txt allows `url`. It is fetched on first need and again once
    /// a day, so a `--every` loop running for weeks sees a site's new rules.
    fn robots_allow(&mut self, url: &Url) -> bool {
        let key = host_key(url);
        let fresh = self
            .robots
            .get(&key)
            .is_some_and(|(at, _)| at.elapsed() < ROBOTS_MAX_AGE);
        if !fresh {
            let robots = self.fetch_robots(url);
            self.robots.insert(key.clone(), (Instant::now(), robots));
        }
        let path = path_and_query(url);
        self.robots.get(&key).is_none_or(|(_, r)| r.allows(&path))
    }

    /// A missing or unreadable robots.txt allows all; one the host refuses (401/403) disallows
    /// all, as the convention is.
    fn fetch_robots(&mut self, url: &Url) -> Robots {
        let Ok(robots_url) = url.join("/robots.txt") else {
            return Robots::allow_all();
        };
        match self.attempt(&robots_url, &Validators::default()) {
            Ok(Hop::Done(Fetched::Body(page))) => {
                Robots::parse(&String::from_utf8_lossy(&page.bytes))
            }
            Err(FetchError::Permanent(r)) if r.ends_with("HTTP 401") || r.ends_with("HTTP 403") => {
                Robots::parse("User-agent: *\nDisallow: /")
            }
            _ => Robots::allow_all(),
        }
    }
}

enum Hop {
    Redirect(String),
    Done(Fetched),
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url).map_err(|e| FetchError::Permanent(format!("bad URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::Permanent("not an http(s) URL".to_string()));
    }
    Ok(parsed)
}

/// The politeness unit: scheme, host and port (one server).
fn host_key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn transport_error(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::BodyExceedsLimit(limit) => {
            FetchError::Permanent(format!("body larger than {limit} bytes"))
        }
        ureq::Error::Timeout(_) => FetchError::Transient("timed out".to_string()),
        e => FetchError::Transient(e.to_string()),
    }
}
