//! The guard's store in Redis: each check-and-reserve is one Lua script, atomic across every
//! process that shares the Redis, on Redis's own clock.

use std::fmt;
use std::time::Duration;

use redis::aio::ConnectionManager;
use redis::cluster::ClusterClientBuilder;
use redis::cluster_async::ClusterConnection;

use super::{GuardLimit, GuardStore, Reservation, StoreError, StoreFuture, Verdict};

/// KEYS: the recipient's sorted set when ARGV[1] is '1', then the rate key when ARGV[2] is '1'
/// (only keys that exist are named, so a cluster sees keys of one slot). ARGV from 3:
/// reservation id, rule count, (window ms, max) per rule, GCRA interval and tolerance in µs. Times are milliseconds of Redis's clock (Lua prints at most 14 digits exactly).
/// Returns {1, 0} when reserved, {0, wait ms, limit (1 recipient, 2 rate)} when refused.
const RESERVE: &str = r"
local recipient, rate = nil, nil
local k = 1
if ARGV[1] == '1' then recipient, k = KEYS[1], 2 end
if ARGV[2] == '1' then rate = KEYS[k] end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[3]
local n = tonumber(ARGV[4])
local wait, limit = 0, 0
local longest = 0
for i = 0, n - 1 do
  local window = tonumber(ARGV[5 + 2 * i])
  if window > longest then longest = window end
end
if recipient then
  redis.call('ZREMRANGEBYSCORE', recipient, '-inf', now - longest)
  for i = 0, n - 1 do
    local window = tonumber(ARGV[5 + 2 * i])
    local max = tonumber(ARGV[6 + 2 * i])
    local count = redis.call('ZCOUNT', recipient, '(' .. (now - window), '+inf')
    if count >= max then
      local oldest = redis.call('ZRANGEBYSCORE', recipient, '(' .. (now - window), '+inf',
        'WITHSCORES', 'LIMIT', count - max, 1)
      local w = tonumber(oldest[2]) + window - now
      if w > wait then wait, limit = w, 1 end
    end
  end
end
local p = 5 + 2 * n
local interval = tonumber(ARGV[p]) / 1000
local tolerance = tonumber(ARGV[p + 1]) / 1000
local new_tat = nil
if rate and interval > 0 then
  local tat = tonumber(redis.call('GET', rate) or now)
  if tat < now then tat = now end
  local allowed = tat - tolerance
  if now < allowed then
    if allowed - now > wait then wait, limit = allowed - now, 2 end
  else
    new_tat = tat + interval
  end
end
if wait > 0 then return {0, math.ceil(wait), limit} end
if recipient then
  redis.call('ZADD', recipient, now, id)
  redis.call('PEXPIRE', recipient, longest + 1000)
end
if new_tat then
  redis.call('SET', rate, new_tat, 'PX', math.ceil(new_tat - now + tolerance) + 1000)
end
return {1, 0}
";

/// Gives a reservation back: removes it from the recipient's set and moves the rate's
/// schedule back by one interval. KEYS and ARGV[1..2] as in [`RESERVE`]; ARGV[3]: id,
/// ARGV[4]: interval µs.
const RELEASE: &str = r"
local recipient, rate = nil, nil
local k = 1
if ARGV[1] == '1' then recipient, k = KEYS[1], 2 end
if ARGV[2] == '1' then rate = KEYS[k] end
if recipient then redis.call('ZREM', recipient, ARGV[3]) end
if rate then
  local tat = redis.call('GET', rate)
  local ttl = redis.call('PTTL', rate)
  if tat and ttl > 0 then
    redis.call('SET', rate, tonumber(tat) - tonumber(ARGV[4]) / 1000, 'PX', ttl)
  end
end
return 1
";

/// Reservations in Redis, shared by a fleet: one round trip (a Lua script) per send, keys that
/// expire by themselves, a reconnecting connection, on a single node or a Redis Cluster.
///
/// What the guard's promise needs from Redis: the cooldowns live in Redis's memory, so a
/// Redis restarted without persistence (or a replica promoted before it received the last
/// writes) forgets them, and a second code can go to a phone that just had one. Run it with
/// `appendonly yes` and `appendfsync always` (or accept that window), and point every process
/// of a fleet at the same Redis or cluster. Tested against `redis-server` 7, single node and a
/// three-master cluster; Valkey speaks the same protocol but is not tested here.
#[derive(Clone)]
pub struct RedisStore {
    connection: Connection,
    reserve: redis::Script,
    release: redis::Script,
    timeout: Duration,
}

/// A single node's reconnecting connection or a cluster's slot-routing one.
#[derive(Clone)]
enum Connection {
    Node(ConnectionManager),
    Cluster(ClusterConnection),
}

impl fmt::Debug for RedisStore {
    // The connection holds the URL, which may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.connection {
            Connection::Node(_) => "node",
            Connection::Cluster(_) => "cluster",
        };
        f.debug_struct("RedisStore")
            .field("kind", &kind)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The wait for a connection when connecting.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

impl RedisStore {
    /// Connects to one node at `url` (`redis://[:password@]host:port/db`; `rediss://` for TLS
    /// is not enabled). For a Redis Cluster, use [`connect_cluster`](Self::connect_cluster).
    ///
    /// # Errors
    /// The URL is invalid or the server cannot be reached.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|e| store_error(&e))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(CONNECT_TIMEOUT)
            .set_number_of_retries(1);
        let connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| store_error(&e))?;
        Ok(Self::with_connection(Connection::Node(connection)))
    }

    /// Connects to a Redis Cluster through any of its nodes (`redis://host:port` each; the
    /// rest of the cluster is discovered). Every key one check touches shares a hash slot, so
    /// each check is still one atomic script on one master.
    ///
    /// # Errors
    /// No node is given, a URL is invalid, or no node can be reached.
    pub async fn connect_cluster<I, S>(nodes: I) -> Result<Self, StoreError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let nodes: Vec<String> = nodes
            .into_iter()
            .map(|node| node.as_ref().to_owned())
            .collect();
        if nodes.is_empty() {
            return Err(StoreError(
                "redis: a cluster needs at least one node".to_owned(),
            ));
        }
        let client = ClusterClientBuilder::new(nodes)
            .connection_timeout(CONNECT_TIMEOUT)
            .retries(1)
            .build()
            .map_err(|e| store_error(&e))?;
        let connection = client
            .get_async_connection()
            .await
            .map_err(|e| store_error(&e))?;
        Ok(Self::with_connection(Connection::Cluster(connection)))
    }

    fn with_connection(connection: Connection) -> Self {
        Self {
            connection,
            reserve: redis::Script::new(RESERVE),
            release: redis::Script::new(RELEASE),
            timeout: Duration::from_secs(1),
        }
    }

    /// The longest wait for Redis per check (default 1 s); past it the store counts as
    /// unreachable.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs `invocation` within the store's timeout.
    async fn invoke<T: redis::FromRedisValue>(
        &self,
        invocation: &redis::ScriptInvocation<'_>,
    ) -> Result<T, StoreError> {
        let answer = match self.connection.clone() {
            Connection::Node(mut connection) => {
                tokio::time::timeout(self.timeout, invocation.invoke_async(&mut connection)).await
            }
            Connection::Cluster(mut connection) => {
                tokio::time::timeout(self.timeout, invocation.invoke_async(&mut connection)).await
            }
        };
        answer
            .map_err(|_| StoreError("redis: timed out".to_owned()))?
            .map_err(|e| store_error(&e))
    }
}

/// Redis's error, without the URL (which may hold a password).
fn store_error(e: &redis::RedisError) -> StoreError {
    StoreError(format!("redis: {:?}", e.kind()))
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Names the reservation's keys (only those it has) and the two flags that say which.
fn keys<'a>(invocation: &mut redis::ScriptInvocation<'a>, reservation: &Reservation) {
    let recipient = reservation.recipient_key.as_deref();
    let rate = reservation.rate.as_ref().map(|r| r.key.as_str());
    if let Some(key) = recipient {
        invocation.key(key);
    }
    if let Some(key) = rate {
        invocation.key(key);
    }
    invocation
        .arg(if recipient.is_some() { "1" } else { "0" })
        .arg(if rate.is_some() { "1" } else { "0" });
}

impl GuardStore for RedisStore {
    fn reserve<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, Verdict> {
        Box::pin(async move {
            let mut invocation = self.reserve.prepare_invoke();
            keys(&mut invocation, reservation);
            invocation.arg(&reservation.id).arg(reservation.rules.len());
            for rule in reservation.rules {
                invocation
                    .arg(u64::try_from(rule.window.as_millis()).unwrap_or(u64::MAX))
                    .arg(rule.max);
            }
            let (interval, tolerance) = reservation
                .rate
                .as_ref()
                .map_or((0, 0), |r| (micros(r.interval), micros(r.tolerance())));
            invocation.arg(interval).arg(tolerance);
            let answer: Vec<u64> = self.invoke(&invocation).await?;
            match answer.as_slice() {
                [1, ..] => Ok(Verdict::Reserved),
                [0, wait_ms, limit] => Ok(Verdict::Refused {
                    limit: if *limit == 2 {
                        GuardLimit::Rate
                    } else {
                        GuardLimit::Recipient
                    },
                    retry_after: Duration::from_millis(*wait_ms),
                }),
                _ => Err(StoreError("redis: unexpected script answer".to_owned())),
            }
        })
    }

    fn release<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut invocation = self.release.prepare_invoke();
            keys(&mut invocation, reservation);
            invocation
                .arg(&reservation.id)
                .arg(reservation.rate.as_ref().map_or(0, |r| micros(r.interval)));
            let _: i64 = self.invoke(&invocation).await?;
            Ok(())
        })
    }
}
