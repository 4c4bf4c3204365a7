//! Runs the server until the CLI's `marsad serve` is wired:
//! `cargo run --release -p marsad-server --example serve -- DATA_DIR [ADDR] [--token-file FILE]`
//! (the token may also come from MARSAD_TOKEN).

// A developer tool run by hand, not part of marsad: a panic with its message is its error report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut token_file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--token-file" {
            token_file = it.next().map(std::path::PathBuf::from);
        } else if a == "--addr" {
            if let Some(v) = it.next() {
                pos.push(v.clone());
            }
        } else {
            pos.push(a.clone());
        }
    }
    let Some(dir) = pos.first() else {
        anyhow::bail!("usage: serve DATA_DIR [ADDR] [--token-file FILE]");
    };
    let addr = pos
        .get(1)
        .map(String::as_str)
        .unwrap_or("127.0.0.1:8080")
        .parse()?;
    let config = marsad_server::ServeConfig {
        token: marsad_server::ServeConfig::token_from(token_file.as_deref())?,
        ..Default::default()
    };
    marsad_server::run(dir.into(), addr, config)
}
