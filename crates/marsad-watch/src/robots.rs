//! robots.txt, the simple way: the `Disallow` prefixes of the groups for `*` and `marsad`.
//! `Allow` lines and wildcards are not read; ignoring them can only make marsad fetch less.

/// The paths marsad may not fetch on one host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    disallow: Vec<String>,
}

impl Robots {
    /// Nothing disallowed (no robots.txt, or one that could not be fetched for a reason other
    /// than the host refusing).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Reads a robots.txt. A group starts with one or more `User-agent` lines; its rules apply
    /// to marsad when one of them is `*` or names marsad.
    pub fn parse(text: &str) -> Robots {
        let mut disallow = Vec::new();
        let mut applies = false;
        // Consecutive User-agent lines share one group; a rule line ends the list.
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "user-agent" => {
                    if !in_agents {
                        applies = false;
                    }
                    in_agents = true;
                    let agent = value.to_ascii_lowercase();
                    applies |= agent == "*" || agent.contains("marsad");
                }
                "disallow" => {
                    in_agents = false;
                    if applies && !value.is_empty() {
                        disallow.push(value.to_string());
                    }
                }
                _ => in_agents = false,
            }
        }
        Robots { disallow }
    }

    /// Whether `path` (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        !self.disallow.iter().any(|p| path.starts_with(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_for_star_and_marsad_apply_others_do_not() {
        let r = Robots::parse(
            "User-agent: Googlebot\nDisallow: /google-only\n\n\
             User-agent: *\nDisallow: /private/ # comment\nDisallow:\n\n\
             User-agent: other\nUser-agent: marsad\nDisallow: /drafts",
        );
        assert!(r.allows("/news/1.html"));
        assert!(r.allows("/google-only/x"));
        assert!(!r.allows("/private/x"));
        assert!(!r.allows("/drafts?id=1"));
        assert!(Robots::allow_all().allows("/private/x"));
    }
}
