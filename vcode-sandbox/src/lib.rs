//! A local simulator of the four vendors' verification-code flows (the sends, and the calls
//! that check and consume the codes), on one loopback port:
//! try the clients without partner accounts, test a sign-up flow without real SMS, and give
//! integration and reliability tests a real HTTP peer.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let sandbox = vcode_sandbox::Sandbox::start().await?;
//! println!("vendors simulated at {}", sandbox.base_url());
//! // Point any client's `.endpoint(...)` at `sandbox.base_url()` with the credentials below,
//! // send a code, then read it back:
//! assert!(sandbox.outbox().is_empty());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # What it serves
//! | route | vendor behaviour |
//! |---|---|
//! | `POST /v2/bases/verificationcode/send` | Huawei BSS `SendVerificationMessageCode`: 204, or `CBC.*` errors |
//! | `POST /v2/servicerequest/verifycodes/send` | Huawei OSM `SendVerifyCodes`: 200 with `error_code` |
//! | `POST /v2/servicerequest/verifycodes` | Huawei OSM `CheckVerifyCodes` |
//! | `GET /v3/auth/domains` | Huawei IAM: the account's domain, for clients without a domain id |
//! | `POST /apiaccess/rest/ipccprovision/v1/applyTry/generateverifycode` | CEC trial: `retCode` |
//! | `POST /` with `X-TC-Action: SendVerifyCode` | Tencent `intlpartnersmgt` `SendVerifyCode` |
//! | `POST /v2/partners/sub-customers/users/check-identity` | BSS `CheckUserIdentity`: `CBC.0000` with `check_result` |
//! | `POST /v2/partners/sub-customers` | BSS `CreateSubCustomer`: consumes the mailed code |
//! | `POST /v2/partners/sub-customers/query` | BSS `ListSubCustomers` |
//! | `GET /v2/servicerequest/verifycodes/need-verify` | OSM `CheckNeedVerify` |
//! | `GET /v2/servicerequest/verifycodes/has-verified` | OSM `ListHasVerifiedContacts` |
//! | `POST /apiaccess/rest/ipccprovision/v1/applyTry/applyTenant` | CEC trial `applyTenant`: `returnCode` |
//! | `POST /` with `X-TC-Action: CreateAccount`, `GetCountryCodes`, `GetTradeConfigList`, `QueryCustomersCredit` | Tencent |
//! | `GET /_sandbox/outbox` | every code "sent", as JSON ([`OutboxMessage`]) |
//! | `GET /_sandbox/accounts` | every account created, as JSON ([`Account`]) |
//! | `GET /_sandbox/requests` | every request that reached a route, as JSON ([`ReceivedRequest`]) |
//!
//! Signatures are checked with `vcode-signing`'s verifiers against the configured credentials
//! (defaults: [`HUAWEI_ACCESS_KEY`]/[`HUAWEI_SECRET_KEY`] with domain [`HUAWEI_DOMAIN_ID`],
//! token [`HUAWEI_IAM_TOKEN`]; [`TENCENT_SECRET_ID`]/[`TENCENT_SECRET_KEY`]). Every documented
//! field rule is validated and answered with the vendor's own code. The documented limits are
//! enforced per recipient on the sandbox clock, which tests can replace with a manual one
//! ([`SandboxClock::manual`]) and advance. Six-digit codes land in the outbox.
//!
//! # Assumptions (behaviour the vendors do not document)
//! - Clock skew: requests are accepted within [`DEFAULT_ALLOWED_SKEW`] (5 minutes) of the
//!   sandbox clock for both vendors. Tencent documents 5 minutes; Huawei's gateway is commonly
//!   quoted at 15, so the sandbox is stricter and drift shows up here first.
//! - Huawei AK/SK requests must carry `X-Domain-Id` equal to the configured domain id; tokens
//!   are accepted when configured. Authentication failures answer 401 `APIG.0301` with the
//!   gateway's body shape (`error_code`, `error_msg`, `request_id`).
//! - BSS: an email over 64 characters or another bad field answers 400 `CBC.0100`; an empty or
//!   ill-formed email answers 400 `CBC.99004004`.
//! - OSM: field errors answer 200 `OSM.01010001` (contact way: `OSM.01010012`); a wrong or
//!   expired code answers 200 `OSM.01010010`; the latest code sent within five minutes is the
//!   one accepted.
//! - CEC: a code stays valid (and "already exists", `retCode` 201) for five minutes; a bad
//!   phone answers HTTP 400. No daily threshold is simulated.
//! - Tencent: over 20 requests in one second from one SecretId answer `RequestLimitExceeded`;
//!   a missing field answers `MissingParameter`, a malformed one `InvalidParameterValue`, the
//!   excluded calling codes (7, 380, 86) `InvalidParameterValue.UnSupportArea`. Every answer is
//!   HTTP 200 and carries a `Date` header from the sandbox clock.
//! - A code is consumed by the first successful call that takes it (BSS create, OSM check,
//!   CEC `applyTenant`, Tencent `CreateAccount`); only the newest code sent to a recipient
//!   counts, and a used or expired one is refused like a wrong one.
//! - BSS create: a wrong, expired or used `verification_code` answers 400 `CBC.0100` (the
//!   vendor's code for it is undocumented); an email already registered answers
//!   `CBC.99000051`, a taken account name `CBC.99000038`, a bad name `CBC.99000031`, a weak
//!   password `CBC.99000036`; `domain_area` is required. [`Sandbox::delay_bss_association`]
//!   makes creates answer `CBC.99000050` (created, with ids). `ListSubCustomers` matches
//!   `account_name` as a substring and `customer_id` exactly.
//! - OSM: a successful check verifies the contact for [`OSM_VERIFICATION_VALIDITY`];
//!   `CheckNeedVerify` then answers `need_verify_code` 0 with `expire_time` as
//!   `yyyy-MM-dd HH:mm:ss` in GMT+8; `ListHasVerifiedContacts` counts `offset` in contacts from 0.
//! - CEC `applyTenant` answers with `returnCode`/`returnMsg`: `001` for a missing, expired or
//!   used code, `002` for a wrong one, `004` when the company or phone already has a tenant.
//! - Tencent `CreateAccount`: the field codes in the order the fields are checked, the
//!   calling code and area from the `GetCountryCodes` table of eight places (SG 65, HK 852, MO 853, MY 60, TH 66, ID 62, US 1, GB 44), industries
//!   `kghy_01` (`kghy_0101`, `kghy_0102`) and `kghy_02` (`kghy_0201`, `kghy_0202`); at most
//!   [`TENCENT_ACCOUNTS_PER_PHONE`] accounts per number and [`TENCENT_CREATE_ACCOUNT_PER_SECOND`]
//!   creates a second.
//! - Request ids are 32 random hex characters.
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

mod bss;
mod cec;
mod huawei;
mod log;
mod server;
mod state;
mod tencent;
mod ticket;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;

pub use log::RequestLog;
use state::State;
pub use state::{Account, OutboxMessage, ReceivedRequest, SandboxClock};

/// Default Huawei access key id the sandbox accepts.
pub const HUAWEI_ACCESS_KEY: &str = "SANDBOXHUAWEIAK00001";
/// Default Huawei secret key the sandbox accepts.
pub const HUAWEI_SECRET_KEY: &str = "sandbox-huawei-secret-key";
/// The domain (account) id of the default Huawei credentials.
pub const HUAWEI_DOMAIN_ID: &str = "sandbox-domain-id";
/// Default Huawei IAM token the sandbox accepts.
pub const HUAWEI_IAM_TOKEN: &str = "sandbox-iam-token";
/// Default Tencent SecretId the sandbox accepts.
pub const TENCENT_SECRET_ID: &str = "AKIDSANDBOX000000000000000000000000";
/// Default Tencent SecretKey the sandbox accepts.
pub const TENCENT_SECRET_KEY: &str = "sandbox-tencent-secret-key";
/// How far a request's timestamp may be from the sandbox clock.
pub const DEFAULT_ALLOWED_SKEW: Duration = Duration::from_secs(300);

/// BSS: codes per email per hour.
pub const BSS_LIMIT_PER_HOUR: usize = 15;
/// BSS: codes per email per day.
pub const BSS_LIMIT_PER_DAY: usize = 60;
/// OSM: minimum time between two codes to one contact.
pub const OSM_RESEND_INTERVAL: Duration = Duration::from_secs(60);
/// OSM: how long a code stays valid.
pub const OSM_CODE_VALIDITY: Duration = Duration::from_secs(300);
/// CEC: how long a code stays valid (assumption).
pub const CEC_CODE_VALIDITY: Duration = Duration::from_secs(300);
/// Tencent: minimum time between two codes to one phone.
pub const TENCENT_RESEND_INTERVAL: Duration = Duration::from_secs(60);
/// Tencent: `SendVerifyCode` requests per second per SecretId.
pub const TENCENT_REQUESTS_PER_SECOND: usize = 20;
/// Tencent: `CreateAccount` requests per second per SecretId.
pub const TENCENT_CREATE_ACCOUNT_PER_SECOND: usize = 5;
/// Tencent: accounts one phone number may hold.
pub const TENCENT_ACCOUNTS_PER_PHONE: usize = 5;
/// Tencent: how long an SMS code stays valid (assumption; not documented).
pub const TENCENT_CODE_VALIDITY: Duration = Duration::from_secs(300);
/// BSS: how long a mailed code stays valid (the documented default of ten minutes; the
/// request's `timeout` is not simulated).
pub const BSS_CODE_VALIDITY: Duration = Duration::from_secs(600);
/// BSS: what `CheckUserIdentity` answers as `mobile_remain_available_num` (assumption: the
/// international create takes no number, so none is ever used up).
pub const BSS_MOBILE_ACCOUNTS: u32 = 5;
/// OSM: how long a verified contact stays verified (assumption).
pub const OSM_VERIFICATION_VALIDITY: Duration = Duration::from_secs(86_400);

/// A vendor API the sandbox simulates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Vendor {
    /// Huawei Cloud BSS International (`huawei-bss`).
    HuaweiBss,
    /// Huawei Cloud service tickets, OSM (`huawei-ticket`).
    HuaweiTicket,
    /// Huawei Cloud CEC one-click trial (`cec-trial`).
    CecTrial,
    /// Tencent Cloud International Partners (`tencent-partners`).
    TencentPartners,
}

impl Vendor {
    /// The client crate's name, which [`OutboxMessage::vendor`] and [`Account::vendor`] hold.
    pub fn crate_name(self) -> &'static str {
        match self {
            Self::HuaweiBss => "huawei-bss",
            Self::HuaweiTicket => "huawei-ticket",
            Self::CecTrial => "cec-trial",
            Self::TencentPartners => "tencent-partners",
        }
    }
}

/// Whom a code was sent to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Recipient<'a> {
    /// An email address (BSS, OSM by email).
    Email(&'a str),
    /// A phone number and its calling code (OSM by SMS, Tencent).
    Phone {
        /// The calling code, such as `86`.
        calling_code: &'a str,
        /// The number, such as `13800000000`.
        number: &'a str,
    },
    /// A phone number as the request wrote it, with or without `+86` (the CEC trial).
    Number(&'a str),
}

impl Recipient<'_> {
    /// How [`OutboxMessage::recipient`] writes it.
    pub fn key(&self) -> String {
        match self {
            Self::Email(address) => (*address).to_owned(),
            Self::Phone {
                calling_code,
                number,
            } => format!("{calling_code}-{number}"),
            Self::Number(number) => (*number).to_owned(),
        }
    }
}

/// The simulated routes, for fault injection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub enum Route {
    /// BSS `SendVerificationMessageCode`.
    HuaweiBss,
    /// OSM `SendVerifyCodes`.
    HuaweiTicketSend,
    /// OSM `CheckVerifyCodes`.
    HuaweiTicketCheck,
    /// IAM `GET /v3/auth/domains`.
    HuaweiIam,
    /// CEC `generateverifycode`.
    CecTrial,
    /// Every Tencent action (`POST /`).
    TencentPartners,
    /// BSS `CheckUserIdentity`.
    HuaweiBssCheckIdentity,
    /// BSS `CreateSubCustomer`.
    HuaweiBssCreate,
    /// BSS `ListSubCustomers`.
    HuaweiBssList,
    /// OSM `CheckNeedVerify`.
    HuaweiTicketNeedVerify,
    /// OSM `ListHasVerifiedContacts`.
    HuaweiTicketHasVerified,
    /// CEC `applyTenant`.
    CecApplyTenant,
}

impl Route {
    pub(crate) fn of(method: &http::Method, path: &str) -> Option<Self> {
        Some(match (method.as_str(), path) {
            ("POST", bss::SEND_PATH) => Self::HuaweiBss,
            ("POST", ticket::SEND_PATH) => Self::HuaweiTicketSend,
            ("POST", ticket::CHECK_PATH) => Self::HuaweiTicketCheck,
            ("GET", huawei::IAM_DOMAINS_PATH) => Self::HuaweiIam,
            ("POST", cec::PATH) => Self::CecTrial,
            ("POST", "/") => Self::TencentPartners,
            ("POST", bss::CHECK_IDENTITY_PATH) => Self::HuaweiBssCheckIdentity,
            ("POST", bss::CREATE_PATH) => Self::HuaweiBssCreate,
            ("POST", bss::LIST_PATH) => Self::HuaweiBssList,
            ("GET", ticket::NEED_VERIFY_PATH) => Self::HuaweiTicketNeedVerify,
            ("GET", ticket::HAS_VERIFIED_PATH) => Self::HuaweiTicketHasVerified,
            ("POST", cec::APPLY_PATH) => Self::CecApplyTenant,
            _ => return None,
        })
    }
}

/// Where a dropped connection is cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DropPoint {
    /// After the request head, before the body is read: the vendor never saw the request.
    BeforeReading,
    /// After the whole request was read, before it is handled: the outcome is unknown to the
    /// client, and nothing was done (a create's answer lost before it committed).
    AfterReading,
    /// After the request was handled, before its answer is written: the outcome is unknown to
    /// the client, and whatever it did is done (a create's answer lost after it committed).
    AfterHandling,
}

/// A fault to inject on a route: added latency, a canned answer, or a dropped connection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fault {
    pub(crate) latency: Option<Duration>,
    pub(crate) respond: Option<(u16, String)>,
    pub(crate) drop: Option<DropPoint>,
    pub(crate) remaining: Option<u32>,
}

impl Fault {
    /// Delays the answer (real time, not the sandbox clock).
    pub fn latency(delay: Duration) -> Self {
        Self {
            latency: Some(delay),
            ..Self::default()
        }
    }

    /// Answers with this status and body instead of the simulated vendor.
    pub fn respond(status: u16, body: impl Into<String>) -> Self {
        Self {
            respond: Some((status, body.into())),
            ..Self::default()
        }
    }

    /// Drops the connection at `point` without answering.
    pub fn drop_connection(point: DropPoint) -> Self {
        Self {
            drop: Some(point),
            ..Self::default()
        }
    }

    /// Applies the fault to the next `n` requests only (default: until cleared).
    #[must_use]
    pub fn times(mut self, n: u32) -> Self {
        self.remaining = Some(n);
        self
    }
}

/// What the sandbox accepts.
#[derive(Clone, Debug)]
pub(crate) struct SandboxConfig {
    pub(crate) huawei_keys: HashMap<String, (SecretString, String)>,
    pub(crate) huawei_tokens: Vec<SecretString>,
    pub(crate) tencent_keys: HashMap<String, SecretString>,
    pub(crate) allowed_skew: Duration,
}

/// What a standalone sandbox prints on start: its base URL and the credentials it accepts.
pub fn banner(base_url: &str) -> String {
    format!(
        "sandbox listening on {base_url}\n\
         \n\
         Huawei (BSS, OSM): AK {HUAWEI_ACCESS_KEY}  SK {HUAWEI_SECRET_KEY}  domain id {HUAWEI_DOMAIN_ID}\n\
         Huawei IAM token:  {HUAWEI_IAM_TOKEN}\n\
         Tencent:           SecretId {TENCENT_SECRET_ID}  SecretKey {TENCENT_SECRET_KEY}\n\
         CEC trial:         no credentials\n\
         \n\
         codes sent:       GET {base_url}/_sandbox/outbox\n\
         accounts created: GET {base_url}/_sandbox/accounts"
    )
}

/// Runs a default sandbox on `port` (0: any free one) in the foreground: prints the
/// [`banner`], then one line per request it answers ([`RequestLog`]), until Ctrl-C.
///
/// # Errors
/// The port cannot be bound.
pub async fn serve_until_ctrl_c(port: u16) -> std::io::Result<()> {
    let sandbox = Sandbox::builder()
        .port(port)
        .on_request(|line| println!("{line}"))
        .start()
        .await?;
    println!("{}", banner(sandbox.base_url()));
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    Ok(())
}

/// Configures and starts a [`Sandbox`].
#[derive(Debug)]
pub struct SandboxBuilder {
    config: SandboxConfig,
    clock: SandboxClock,
    bind: SocketAddr,
    logger: Option<log::Logger>,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            config: SandboxConfig {
                huawei_keys: HashMap::from([(
                    HUAWEI_ACCESS_KEY.to_owned(),
                    (HUAWEI_SECRET_KEY.into(), HUAWEI_DOMAIN_ID.to_owned()),
                )]),
                huawei_tokens: vec![HUAWEI_IAM_TOKEN.into()],
                tencent_keys: HashMap::from([(
                    TENCENT_SECRET_ID.to_owned(),
                    TENCENT_SECRET_KEY.into(),
                )]),
                allowed_skew: DEFAULT_ALLOWED_SKEW,
            },
            clock: SandboxClock::system(),
            bind: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            logger: None,
        }
    }
}

impl SandboxBuilder {
    /// Listens on this loopback port (default: any free port).
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.bind.set_port(port);
        self
    }

    /// Uses this clock for limits, code validity and signature times.
    #[must_use]
    pub fn clock(mut self, clock: SandboxClock) -> Self {
        self.clock = clock;
        self
    }

    /// Accepts another Huawei AK/SK, belonging to `domain_id`.
    #[must_use]
    pub fn huawei_key(
        mut self,
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
        domain_id: impl Into<String>,
    ) -> Self {
        self.config.huawei_keys.insert(
            access_key.into(),
            (SecretString::from(secret_key.into()), domain_id.into()),
        );
        self
    }

    /// Accepts another Huawei IAM token.
    #[must_use]
    pub fn huawei_token(mut self, token: impl Into<String>) -> Self {
        self.config
            .huawei_tokens
            .push(SecretString::from(token.into()));
        self
    }

    /// Accepts another Tencent SecretId/SecretKey.
    #[must_use]
    pub fn tencent_key(
        mut self,
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Self {
        self.config
            .tencent_keys
            .insert(secret_id.into(), SecretString::from(secret_key.into()));
        self
    }

    /// How far request timestamps may be from the sandbox clock (default 5 minutes).
    #[must_use]
    pub fn allowed_skew(mut self, skew: Duration) -> Self {
        self.config.allowed_skew = skew;
        self
    }

    /// Calls `log` once per answered request, after the answer is ready (route, status,
    /// vendor code, masked recipient and the code sent).
    #[must_use]
    pub fn on_request(mut self, log: impl Fn(&RequestLog) + Send + Sync + 'static) -> Self {
        self.logger = Some(log::Logger(Arc::new(log)));
        self
    }

    /// Binds the port and starts serving in the background.
    ///
    /// # Errors
    /// The port cannot be bound.
    pub async fn start(self) -> std::io::Result<Sandbox> {
        let state = Arc::new(State::new(self.config, self.clock));
        let listener = tokio::net::TcpListener::bind(self.bind).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(server::serve(listener, state.clone(), self.logger, stopped));
        Ok(Sandbox {
            base_url: format!("http://{addr}"),
            addr,
            state,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// A running sandbox. Stops when dropped or [shut down](Self::shutdown).
#[derive(Debug)]
pub struct Sandbox {
    base_url: String,
    addr: SocketAddr,
    state: Arc<State>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    /// A builder.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Starts a sandbox with the defaults on a free loopback port.
    ///
    /// # Errors
    /// No loopback port can be bound.
    pub async fn start() -> std::io::Result<Self> {
        Self::builder().start().await
    }

    /// `http://127.0.0.1:<port>`: the endpoint to give every client.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The sandbox clock.
    pub fn clock(&self) -> &SandboxClock {
        &self.state.clock
    }

    /// Every request that reached a simulated route so far (faults included), oldest first:
    /// what a client, or a fleet of them, actually sent.
    pub fn received(&self) -> Vec<ReceivedRequest> {
        self.state.memory().received.clone()
    }

    /// Every account (or trial tenant) created so far, oldest first.
    pub fn accounts(&self) -> Vec<Account> {
        self.state.memory().accounts.clone()
    }

    /// Makes the next `times` BSS creates answer HTTP 500 `CBC.99000050` with the new ids: the
    /// customer is created, but the partner association "timed out".
    pub fn delay_bss_association(&self, times: u32) {
        self.state.memory().bss_association_timeouts = times;
    }

    /// Every code sent so far, oldest first.
    pub fn outbox(&self) -> Vec<OutboxMessage> {
        self.state.memory().outbox.clone()
    }

    /// The newest code `vendor` sent to `recipient`.
    pub fn latest_code(&self, vendor: Vendor, recipient: Recipient<'_>) -> Option<String> {
        let recipient = recipient.key();
        self.state
            .memory()
            .outbox
            .iter()
            .rev()
            .find(|m| m.vendor == vendor.crate_name() && m.recipient == recipient)
            .map(|m| m.code.clone())
    }

    /// Injects a fault on a route (replacing any earlier one there).
    pub fn inject(&self, route: Route, fault: Fault) {
        self.state.memory().faults.insert(route, fault);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.state.memory().faults.clear();
    }

    /// Stops serving and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
