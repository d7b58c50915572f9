//! A `redis-server` on 127.0.0.1 for the fleet tests and the guard benchmark: started on a free
//! port, without persistence, and stopped when dropped.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `redis-server`, killed on drop.
#[derive(Debug)]
pub struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    /// Starts one, or says why it cannot (no `redis-server` on `PATH`, it would not start).
    ///
    /// # Errors
    /// Why the server is not running.
    pub fn start() -> Result<Self, String> {
        Self::start_with(free_port()?, &[])
    }

    /// Starts one on `port` (to bring a Redis back where a store expects it).
    ///
    /// # Errors
    /// Why the server is not running.
    pub fn start_on(port: u16) -> Result<Self, String> {
        Self::start_with(port, &[])
    }

    /// Starts one on `port` with `extra` arguments after the defaults.
    fn start_with(port: u16, extra: &[&str]) -> Result<Self, String> {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "no",
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("redis-server cannot be started ({e}); install it (Debian: redis-server)")
            })?;
        let mut server = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("redis-server exited at once ({status})"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        server.kill();
        Err("redis-server did not listen within 10 s".to_owned())
    }

    /// Starts one; outside CI a failure skips the caller (`None`, with the reason printed),
    /// in CI (`CI` set) it fails the test.
    pub fn start_or_skip() -> Option<Self> {
        or_skip(Self::start())
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether this cluster node says `cluster_state:ok`.
    fn cluster_ok(&self) -> bool {
        Command::new("redis-cli")
            .args(["-p", &self.port.to_string(), "cluster", "info"])
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("cluster_state:ok"))
    }

    /// `redis://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Kills the server (to test a fleet whose Redis went away).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
///
/// # Errors
/// The system has no free port.
pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// `Ok` as `Some`; an error skips the caller outside CI and fails it in CI (`CI` set).
pub fn or_skip<T>(started: Result<T, String>) -> Option<T> {
    match started {
        Ok(server) => Some(server),
        Err(why) if std::env::var_os("CI").is_some() => panic!("CI needs redis-server: {why}"),
        Err(why) => {
            eprintln!("skipped: {why}");
            None
        }
    }
}

/// A Redis Cluster of three masters on 127.0.0.1 (no replicas, no persistence), built with
/// `redis-cli --cluster create` and stopped when dropped.
#[derive(Debug)]
pub struct RedisCluster {
    nodes: Vec<RedisServer>,
    dir: std::path::PathBuf,
}

impl RedisCluster {
    /// Starts the three masters and joins them, or says why it cannot.
    ///
    /// # Errors
    /// Why the cluster is not serving.
    pub fn start() -> Result<Self, String> {
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vcode-redis-cluster-{}-{}",
            std::process::id(),
            STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("no directory for the cluster: {e}"))?;
        let dir_arg = dir.to_string_lossy().into_owned();
        let mut cluster = Self {
            nodes: Vec::new(),
            dir,
        };
        for n in 0..3 {
            let config = format!("nodes-{n}.conf");
            cluster.nodes.push(RedisServer::start_with(
                free_port()?,
                &[
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    &config,
                    "--dir",
                    &dir_arg,
                ],
            )?);
        }
        let addresses: Vec<String> = cluster
            .nodes
            .iter()
            .map(|node| format!("127.0.0.1:{}", node.port))
            .collect();
        let created = Command::new("redis-cli")
            .args(["--cluster", "create"])
            .args(&addresses)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("redis-cli cannot be started ({e})"))?;
        if !created.success() {
            return Err(format!("redis-cli --cluster create failed ({created})"));
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if cluster.nodes.iter().all(|node| node.cluster_ok()) {
                return Ok(cluster);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err("the cluster did not reach cluster_state:ok within 20 s".to_owned())
    }

    /// Starts one; outside CI a failure skips the caller, in CI it fails the test.
    pub fn start_or_skip() -> Option<Self> {
        or_skip(Self::start())
    }

    /// Every node's `redis://127.0.0.1:<port>/`.
    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(RedisServer::url).collect()
    }
}

impl Drop for RedisCluster {
    fn drop(&mut self) {
        for node in &mut self.nodes {
            node.kill();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}
