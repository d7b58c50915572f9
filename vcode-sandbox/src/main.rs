//! `cargo run -p vcode-sandbox -- --port 8080`: serves the simulated vendors until Ctrl-C.

use std::process::ExitCode;

const USAGE: &str = "usage: sandbox [--port N]\n\nServes the simulated Huawei BSS, OSM, CEC trial and Tencent Partners APIs on 127.0.0.1\nuntil Ctrl-C. With no --port, a free port is chosen.";

fn parse_port(args: &[String]) -> Result<u16, String> {
    match args {
        [] => Ok(0),
        [flag, port] if flag == "--port" || flag == "-p" => port
            .parse()
            .map_err(|_| format!("--port takes a number from 0 to 65535, not `{port}`")),
        _ => Err(USAGE.to_owned()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let port = match parse_port(&args) {
        Ok(port) => port,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match vcode_sandbox::serve_until_ctrl_c(port).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            ExitCode::FAILURE
        }
    }
}
