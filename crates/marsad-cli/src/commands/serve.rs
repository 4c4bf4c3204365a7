//! `marsad serve`: the HTTP API and the web page (marsad-server).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// File whose first line is the bearer token for POST /api/articles (default: $MARSAD_TOKEN;
    /// none: ingest over HTTP is off).
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Concurrent store readers.
    #[arg(long, default_value_t = 4)]
    readers: usize,
}

pub fn run(data: &Path, a: Args) -> anyhow::Result<ExitCode> {
    let config = marsad_server::ServeConfig {
        token: marsad_server::ServeConfig::token_from(a.token_file.as_deref())?,
        readers: a.readers,
        ..Default::default()
    };
    marsad_server::run(data.to_path_buf(), a.addr, config)?;
    Ok(ExitCode::SUCCESS)
}
