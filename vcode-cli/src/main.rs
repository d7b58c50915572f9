//! `vcode`: send and check verification codes through the vcode clients, print the headers
//! that sign a request, and run the sandbox. `vcode --help` lists the exit codes.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod args;
mod out;
mod report;
mod sandbox;
mod sign;

use std::process::ExitCode;
use std::time::Duration;

use args::{
    AccountTypeArg, AssociationArg, BssCommand, BssCreate, BssLang, BssList, CallArgs, CecCommand,
    Cli, Command, Contact, ContactValue, FilterTypeArg, HuaweiArgs, OrderArg, PasswordSource,
    ReceiverArg, SandboxCommand, SiteArg, TencentArgs, TencentCommand, TencentCreate,
    TencentLanguage, TicketCommand, TicketHeaders, Way,
};
use clap::{CommandFactory, Parser};
use report::Fields;
use report::{ErrorView, Exit, Format};
use serde_json::{Value, json};
use vcode_core::service::{Operation, Service};
use vcode_core::{Client, ClientBuilder};
use vcode_huawei::HuaweiFamily;
use vcode_huawei::{HuaweiClientBuilderExt, HuaweiCredentials, IamToken};
use vcode_tencent::TencentClientBuilderExt;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(usage_error(&e) as u8),
    };
    if cli.verbose > 0 {
        let level = if cli.verbose > 1 {
            tracing_subscriber::filter::LevelFilter::TRACE
        } else {
            tracing_subscriber::filter::LevelFilter::DEBUG
        };
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .with_max_level(level)
            .init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(Exit::Transport as u8);
        }
    };
    let exit = runtime.block_on(run(cli));
    ExitCode::from(exit as u8)
}

/// A command line clap refused: help and version as clap prints them; any other error in the
/// format the arguments asked for (a JSON object with `--json` or `--output json`), exit 2.
fn usage_error(e: &clap::Error) -> Exit {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        // Help asked for is a success; help shown for a missing subcommand is not.
        return if e.exit_code() == 0 {
            Exit::Success
        } else {
            Exit::Usage
        };
    }
    let args: Vec<String> = std::env::args().collect();
    let asked = |value: &str| {
        args.windows(2).any(|w| w[0] == "--output" && w[1] == value)
            || args.iter().any(|a| *a == format!("--output={value}"))
    };
    let format = if args.iter().any(|a| a == "--json") || asked("json") {
        Format::Json
    } else if asked("table") {
        Format::Table
    } else {
        let _ = e.print();
        return Exit::Usage;
    };
    // Clap's first line, without its `error: ` prefix; the usage lines are for people.
    let rendered = e.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    // Clap quotes what was typed, which may hold control characters: escaped.
    let message = report::cell(&Value::String(
        first.strip_prefix("error: ").unwrap_or(first).to_owned(),
    ));
    report::usage(format, &message)
}

async fn run(cli: Cli) -> Exit {
    let format = if cli.json {
        Format::Json
    } else {
        cli.output.unwrap_or_default()
    };
    match cli.command {
        Command::HuaweiBss {
            args,
            region,
            command,
        } => huawei_bss(&Global::huawei(args, region, format), command).await,
        Command::HuaweiTicket {
            args,
            region,
            command,
        } => huawei_ticket(&Global::huawei(args, region, format), command).await,
        Command::CecTrial { args, command } => {
            cec_trial(&Global::call(args, format), command).await
        }
        Command::TencentPartners { args, command } => {
            tencent_partners(&Global::tencent(args, format), command).await
        }
        Command::Sign { command } => sign::run(command, format).await,
        Command::Sandbox {
            command: Some(SandboxCommand::Outbox { endpoint }),
            ..
        } => sandbox::show(&endpoint, format, sandbox::View::Outbox).await,
        Command::Sandbox {
            command: Some(SandboxCommand::Accounts { endpoint }),
            ..
        } => sandbox::show(&endpoint, format, sandbox::View::Accounts).await,
        Command::Sandbox {
            port,
            command: None,
        } => sandbox::serve(port.unwrap_or(0)).await,
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "vcode", &mut script);
            out::print_bytes(&script);
            Exit::Success
        }
    }
}

/// The flags of one vendor call, whichever vendor: what does not apply to a vendor is absent
/// (clap rejects it on that vendor's subcommand).
#[derive(Debug, Default)]
struct Global {
    endpoint: Option<String>,
    allow_insecure_http: bool,
    timeout: Option<u64>,
    format: Format,
    dry_run: bool,
    region: Option<String>,
    token: Option<String>,
    token_env: Option<String>,
    domain_id: Option<String>,
    iam_endpoint: Option<String>,
    profile: Option<String>,
    tencent_language: Option<TencentLanguage>,
}

impl Global {
    fn call(args: CallArgs, format: Format) -> Self {
        Self {
            endpoint: args.endpoint,
            allow_insecure_http: args.allow_insecure_http,
            timeout: args.timeout,
            format,
            dry_run: args.dry_run,
            ..Self::default()
        }
    }

    fn huawei(args: HuaweiArgs, region: Option<String>, format: Format) -> Self {
        Self {
            region,
            token: args.token,
            token_env: args.token_env,
            domain_id: args.domain_id,
            iam_endpoint: args.iam_endpoint,
            profile: args.profile,
            ..Self::call(args.call, format)
        }
    }

    fn tencent(args: TencentArgs, format: Format) -> Self {
        Self {
            region: args.region,
            profile: args.profile,
            tencent_language: args.language,
            ..Self::call(args.call, format)
        }
    }
}

/// Applies the shared flags to any client builder.
/// Whether the credential chains may ask the cloud's metadata service: never for an endpoint
/// on this machine (the sandbox, a test server), where asking `169.254.169.254` only adds a
/// second of waiting. `VCODE_METADATA_DISABLED=true` switches it off everywhere.
pub(crate) fn metadata_for(endpoint: Option<&str>) -> bool {
    let Some(endpoint) = endpoint else {
        return true;
    };
    let mut config = vcode_core::ClientConfig::default();
    config.set_endpoint(endpoint);
    !config.sends_to_loopback()
}

fn configure<S: Service>(mut builder: ClientBuilder<S>, global: &Global) -> ClientBuilder<S> {
    if let Some(endpoint) = &global.endpoint {
        builder = builder.endpoint(endpoint.clone());
    }
    builder = builder.metadata_credentials(metadata_for(global.endpoint.as_deref()));
    if global.allow_insecure_http {
        builder = builder.allow_insecure_http(true);
    }
    if let Some(secs) = global.timeout {
        let limit = Duration::from_secs(secs);
        builder = builder.attempt_timeout(limit).total_timeout(limit);
    }
    builder
}

/// Builds a Huawei client from the credentials, the shared flags and `--region` (read by
/// `region`, whose error lists the known ones), or answers the exit to return.
async fn huawei_client<S: Service<Family = HuaweiFamily>>(
    global: &Global,
    region: impl FnOnce(&str) -> Option<S::Region>,
) -> Result<Client<S>, Exit> {
    let credentials = huawei_credentials(global).await?;
    let mut builder = configure(Client::<S>::builder().credentials(credentials), global);
    if let Some(iam) = &global.iam_endpoint {
        builder = builder.iam_endpoint(iam.clone());
    }
    if let Some(id) = &global.region {
        // `--region` takes only the service's region ids (its `Region::ALL`).
        let region = region(id).ok_or_else(|| {
            report::usage(
                global.format,
                &format!("unknown region `{}`", id.escape_debug()),
            )
        })?;
        builder = builder.region(region);
    }
    builder.build().map_err(|e| build_failed(global, &e))
}

/// Sends `input` with `client`, or prints what would be sent (passwords redacted);
/// `describe` says what the success shows.
async fn send_or_dry_run<O: Operation>(
    global: &Global,
    client: &Client<O::Service>,
    input: &O,
    describe: impl FnOnce(&O::Output) -> Fields,
) -> Exit {
    let vendor = <O::Service as Service>::NAME;
    if global.dry_run {
        match client.dry_run(input).await {
            Ok(prepared) => report::dry_run(global.format, &prepared),
            Err(e) => report::error(global.format, &ErrorView::from_sdk(&e)),
        }
    } else {
        match client.send(input).await {
            Ok(output) => report::success(global.format, vendor, O::NAME, describe(&output)),
            Err(e) => report::error(global.format, &ErrorView::from_sdk(&e)),
        }
    }
}

/// Huawei credentials: `--token`, else the environment and profile chain. A dry run needs the
/// domain id up front, since looking it up would contact IAM.
async fn huawei_credentials(global: &Global) -> Result<HuaweiCredentials, Exit> {
    let token = match &global.token_env {
        Some(var) => match std::env::var(var) {
            Ok(token) => Some(token),
            Err(_) => {
                return Err(report::usage(
                    global.format,
                    &format!("--token-env: {var} is not set"),
                ));
            }
        },
        None => global.token.clone(),
    };
    if let Some(token) = token {
        return IamToken::new(token)
            .map(HuaweiCredentials::Token)
            .map_err(|e| report::error(global.format, &ErrorView::credentials(&e)));
    }
    let mut credentials = match &global.profile {
        Some(name) => {
            let provider = vcode_huawei::HuaweiProfileProvider::global().with_profile(name);
            named_profile(global, name, provider.read(), &provider)?
        }
        None => vcode_huawei::credentials::chain(metadata_for(global.endpoint.as_deref()))
            .resolve()
            .await
            .map_err(|e| report::error(global.format, &ErrorView::credentials(&e)))?,
    };
    if let (Some(domain_id), HuaweiCredentials::AkSk(aksk)) = (&global.domain_id, &credentials) {
        credentials = HuaweiCredentials::AkSk(aksk.clone().with_domain_id(domain_id.clone()));
    }
    if global.dry_run
        && let HuaweiCredentials::AkSk(aksk) = &credentials
        && aksk.domain_id().is_none()
    {
        return Err(report::usage(
            global.format,
            "--dry-run needs --domain-id or HUAWEICLOUD_SDK_DOMAIN_ID: looking the domain id up would contact IAM",
        ));
    }
    Ok(credentials)
}

/// Reports invalid input; `flags` maps each wire field of the operation to its flag.
fn invalid(
    global: &Global,
    e: &vcode_core::validate::InvalidInput,
    flags: &[(&str, &str)],
) -> Exit {
    report::error(global.format, &ErrorView::invalid(e, flags))
}

const BSS_FLAGS: &[(&str, &str)] = &[
    ("email", "--email"),
    ("timeout", "--timeout-minutes"),
    ("lang", "--language"),
];
const TICKET_FLAGS: &[(&str, &str)] = &[
    ("contact_way", "--phone/--email"),
    ("contact_value", "--phone/--email"),
    ("area_code", "--calling-code"),
    ("verify_code", "--code"),
    ("x_customer_id", "--x-customer-id"),
    ("customer_id", "--customer-id"),
    ("X-Language", "--language"),
    ("X-Time-Zone", "--time-zone"),
];
const BSS_IDENTITY_FLAGS: &[(&str, &str)] = &[("search_value", "--email/--phone/--account-name")];
const BSS_CREATE_FLAGS: &[(&str, &str)] = &[
    ("domain_name", "--domain-name"),
    ("email", "--email"),
    ("verification_code", "--code"),
    ("domain_area", "--domain-area"),
    ("xaccount_id", "--xaccount-id"),
    ("xaccount_type", "--xaccount-type"),
    ("password", "the password"),
    ("indirect_partner_id", "--indirect-partner-id"),
];
const BSS_LIST_FLAGS: &[(&str, &str)] = &[
    ("account_name", "--account-name"),
    ("customer", "--customer"),
    ("offset", "--offset"),
    ("limit", "--limit"),
    ("label", "--label"),
    ("associated_on_begin", "--associated-on-begin"),
    ("associated_on_end", "--associated-on-end"),
    ("customer_id", "--customer-id"),
    ("indirect_partner_id", "--indirect-partner-id"),
];
const TICKET_LIST_FLAGS: &[(&str, &str)] = &[
    ("contact_value", "--phone/--email"),
    ("area_code", "--calling-code"),
    ("customer_id", "--customer-id"),
    ("sub_customer_id", "--sub-customer-id"),
    ("expired_time", "--expired-time"),
    ("verified_id", "--verified-id"),
    ("offset", "--offset"),
    ("limit", "--limit"),
    ("X-Language", "--language"),
    ("X-Time-Zone", "--time-zone"),
];
const CEC_FLAGS: &[(&str, &str)] = &[("phone", "--phone")];
const CEC_APPLY_FLAGS: &[(&str, &str)] = &[
    ("companyName", "--company-name"),
    ("phone", "--phone"),
    ("phoneVerifyCode", "--code"),
    ("email", "--email"),
];
const TENCENT_FLAGS: &[(&str, &str)] =
    &[("CountryCode", "--calling-code"), ("PhoneNum", "--phone")];
const TENCENT_CUSTOMERS_FLAGS: &[(&str, &str)] = &[
    ("Filter", "--filter"),
    ("Page", "--page"),
    ("PageSize", "--page-size"),
];
const TENCENT_CREATE_FLAGS: &[(&str, &str)] = &[
    ("Mail", "--email"),
    ("Password", "the password"),
    ("ConfirmPassword", "the confirmed password"),
    ("PhoneNum", "--phone"),
    ("CountryCode", "--calling-code"),
    ("Area", "--area"),
    ("VerifyCode", "--code"),
    ("TradeOne", "--trade-one"),
    ("TradeTwo", "--trade-two"),
    ("CustomerName", "--customer-name"),
];

fn build_failed(global: &Global, e: &vcode_core::BuildError) -> Exit {
    // The library names its builder setting; here it is a flag.
    let message = e
        .to_string()
        .replace("allow_insecure_http", "--allow-insecure-http");
    report::usage(global.format, &message)
}

/// A value for the success output.
fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.to_owned()))
}

/// The request id field most operations show.
fn request_id(id: Option<&str>) -> Fields {
    vec![("request_id", text(id))]
}

/// A new account's password: from the environment variable `--password-env` names (default
/// `VCODE_PASSWORD`), else a prompt without echo on the terminal; never from a flag's value.
/// With `confirm`, a prompt asks twice and both must match.
fn read_password(
    global: &Global,
    source: &PasswordSource,
    confirm: bool,
) -> Result<vcode_core::Password, Exit> {
    use std::io::IsTerminal;
    let var = source.password_env.as_deref().unwrap_or("VCODE_PASSWORD");
    if let Ok(password) = std::env::var(var) {
        return Ok(vcode_core::Password::new(password));
    }
    if source.password_env.is_some() || !std::io::stdin().is_terminal() {
        return Err(report::usage(
            global.format,
            &format!("no password: set {var}, or run on a terminal to be prompted"),
        ));
    }
    let prompt = |label: &str| {
        rpassword::prompt_password(label)
            .map(vcode_core::Password::new)
            .map_err(|e| report::usage(global.format, &format!("cannot read the password: {e}")))
    };
    let password = prompt("password: ")?;
    if confirm && prompt("confirm password: ")?.expose() != password.expose() {
        return Err(report::usage(global.format, "the passwords do not match"));
    }
    Ok(password)
}

async fn huawei_bss(global: &Global, command: BssCommand) -> Exit {
    let client = match huawei_client::<huawei_bss::Bss>(global, huawei_bss::Region::from_id).await {
        Ok(client) => client,
        Err(exit) => return exit,
    };
    match command {
        BssCommand::Send {
            email,
            language,
            timeout_minutes,
            receiver_type,
        } => {
            let mut input = huawei_bss::SendVerificationCodeInput::builder().email(email);
            if let Some(lang) = language {
                input = input.language(match lang {
                    BssLang::EnUs => huawei_bss::Language::EnUs,
                    BssLang::ZhCn => huawei_bss::Language::ZhCn,
                });
            }
            if let Some(minutes) = timeout_minutes {
                input = input.timeout_minutes(minutes);
            }
            if let Some(ReceiverArg::Email) = receiver_type {
                input = input.receiver_type(huawei_bss::ReceiverType::Email);
            }
            match input.build() {
                Ok(input) => {
                    send_or_dry_run(global, &client, &input, |o| request_id(o.request_id())).await
                }
                Err(e) => invalid(global, &e, BSS_FLAGS),
            }
        }
        BssCommand::CheckIdentity {
            email,
            mobile,
            account_name,
        } => {
            let mut input = huawei_bss::CheckUserIdentityInput::builder();
            if let Some(email) = email {
                input = input.email(email);
            }
            if let Some(mobile) = mobile {
                input = input.mobile(mobile);
            }
            if let Some(name) = account_name {
                input = input.account_name(name);
            }
            match input.build() {
                Ok(input) => {
                    send_or_dry_run(global, &client, &input, |o| {
                        vec![
                            ("available", json!(o.is_available())),
                            ("check_result", json!(o.check_result().as_str())),
                            (
                                "mobile_remain_available_num",
                                json!(o.mobile_remain_available_num()),
                            ),
                            ("request_id", text(o.request_id())),
                        ]
                    })
                    .await
                }
                Err(e) => invalid(global, &e, BSS_IDENTITY_FLAGS),
            }
        }
        BssCommand::Create(create) => bss_create(global, &client, create).await,
        BssCommand::List(list) => bss_list(global, &client, list).await,
    }
}

async fn bss_list(global: &Global, client: &Client<huawei_bss::Bss>, list: BssList) -> Exit {
    let mut input = huawei_bss::ListSubCustomersInput::builder();
    for (value, set) in [
        (
            list.account_name,
            BssListBuilder::account_name as fn(_, String) -> _,
        ),
        (list.customer, BssListBuilder::customer),
        (list.label, BssListBuilder::label),
        (
            list.associated_on_begin,
            BssListBuilder::associated_on_begin,
        ),
        (list.associated_on_end, BssListBuilder::associated_on_end),
        (list.customer_id, BssListBuilder::customer_id),
        (
            list.indirect_partner_id,
            BssListBuilder::indirect_partner_id,
        ),
    ] {
        if let Some(value) = value {
            input = set(input, value);
        }
    }
    if let Some(offset) = list.offset {
        input = input.offset(offset);
    }
    if let Some(limit) = list.limit {
        input = input.limit(limit);
    }
    if let Some(association) = list.association_type {
        input = input.association_type(match association {
            AssociationArg::Referral => huawei_bss::AssociationType::Referral,
            AssociationArg::Reseller => huawei_bss::AssociationType::Reseller,
        });
    }
    match input.build() {
        Ok(input) => {
            send_or_dry_run(global, client, &input, |o| {
                let customers = as_flags(
                    global.format,
                    json!(o.customers()),
                    "association_type",
                    &[(json!("1"), "referral"), (json!("3"), "reseller")],
                );
                vec![
                    ("count", json!(o.count())),
                    ("customers", customers),
                    ("request_id", text(o.request_id())),
                ]
            })
            .await
        }
        Err(e) => invalid(global, &e, BSS_LIST_FLAGS),
    }
}

async fn bss_create(global: &Global, client: &Client<huawei_bss::Bss>, create: BssCreate) -> Exit {
    let mut input = huawei_bss::CreateSubCustomerInput::builder()
        .domain_area(create.domain_area)
        .xaccount_id(create.xaccount_id)
        .xaccount_type(create.xaccount_type);
    if let Some(name) = create.domain_name {
        input = input.domain_name(name);
    }
    if let Some(email) = create.email {
        input = input.email(email);
    }
    if let Some(code) = create.verification_code {
        input = input.verification_code(code);
    }
    if create.close_marketing {
        input = input.close_marketing_messages(true);
    }
    if let Some(id) = create.indirect_partner_id {
        input = input.indirect_partner_id(id);
    }
    if create.include_association_result {
        input = input.include_association_result(true);
    }
    if create.with_password {
        match read_password(global, &create.password, false) {
            Ok(password) => input = input.password(password),
            Err(exit) => return exit,
        }
    }
    match input.build() {
        Ok(input) => {
            send_or_dry_run(global, client, &input, |o| {
                vec![
                    ("domain_id", json!(o.domain_id())),
                    ("domain_name", json!(o.domain_name())),
                    (
                        "association",
                        json!(match o.association() {
                            huawei_bss::Association::Requested => "requested",
                            huawei_bss::Association::Pending => "pending",
                            _ => "unknown",
                        }),
                    ),
                    ("request_id", text(o.request_id())),
                ]
            })
            .await
        }
        Err(e) => invalid(global, &e, BSS_CREATE_FLAGS),
    }
}

async fn huawei_ticket(global: &Global, command: TicketCommand) -> Exit {
    let client =
        match huawei_client::<huawei_ticket::Osm>(global, huawei_ticket::Region::from_id).await {
            Ok(client) => client,
            Err(exit) => return exit,
        };
    let describe = |o: &huawei_ticket::VerifyCodesOutput| request_id(o.request_id());
    match command {
        TicketCommand::Send(contact) => {
            match contact_input(huawei_ticket::SendVerifyCodesInput::builder(), &contact).build() {
                Ok(input) => send_or_dry_run(global, &client, &input, describe).await,
                Err(e) => invalid(global, &e, TICKET_FLAGS),
            }
        }
        TicketCommand::Check {
            contact,
            verify_code,
            x_customer_id,
            customer_id,
        } => {
            let mut input =
                contact_input(huawei_ticket::CheckVerifyCodesInput::builder(), &contact)
                    .verify_code(verify_code);
            if let Some(id) = x_customer_id {
                input = input.x_customer_id(id);
            }
            if let Some(id) = customer_id {
                input = input.customer_id(id);
            }
            match input.build() {
                Ok(input) => send_or_dry_run(global, &client, &input, describe).await,
                Err(e) => invalid(global, &e, TICKET_FLAGS),
            }
        }
        TicketCommand::NeedVerify(contact) => {
            match contact_input(huawei_ticket::CheckNeedVerifyInput::builder(), &contact).build() {
                Ok(input) => {
                    send_or_dry_run(global, &client, &input, |o| {
                        // An instant as RFC 3339 with its zone (UTC); the vendor's zone-less
                        // local time and any other text as the vendor sent them.
                        let expire = o.expire_time().map(|t| match t {
                            huawei_ticket::ExpireTime::Local(l) => format!(
                                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                                l.year, l.month, l.day, l.hour, l.minute, l.second
                            ),
                            huawei_ticket::ExpireTime::Instant(at) => {
                                time::OffsetDateTime::from(*at)
                                    .format(&time::format_description::well_known::Rfc3339)
                                    .unwrap_or_else(|_| format!("{at:?}"))
                            }
                            huawei_ticket::ExpireTime::Text(text) => text.clone(),
                            other => format!("{other:?}"),
                        });
                        vec![
                            ("need_verify", json!(o.need_verify())),
                            ("expire_time", text(expire.as_deref())),
                            ("request_id", text(o.request_id())),
                        ]
                    })
                    .await
                }
                Err(e) => invalid(global, &e, TICKET_FLAGS),
            }
        }
        TicketCommand::ListVerified {
            contact,
            customer_id,
            sub_customer_id,
            expired_time,
            verified_id,
            offset,
            limit,
            all,
            headers,
        } => {
            let mut input = contact_value(
                ticket_headers(
                    huawei_ticket::ListHasVerifiedContactsInput::builder(),
                    &headers,
                ),
                &contact,
            );
            for (value, set) in [
                (customer_id, ListBuilder::customer_id as fn(_, String) -> _),
                (sub_customer_id, ListBuilder::sub_customer_id),
                (expired_time, ListBuilder::expired_time),
                (verified_id, ListBuilder::verified_id),
            ] {
                if let Some(value) = value {
                    input = set(input, value);
                }
            }
            if let Some(offset) = offset {
                input = input.offset(offset);
            }
            if let Some(limit) = limit {
                input = input.limit(limit);
            }
            let input = match input.build() {
                Ok(input) => input,
                Err(e) => return invalid(global, &e, TICKET_LIST_FLAGS),
            };
            let shown = |contacts: &[huawei_ticket::VerifiedContact]| {
                as_flags(
                    global.format,
                    json!(contacts),
                    "contact_way",
                    &[(json!(0), "sms"), (json!(1), "email")],
                )
            };
            if !all || global.dry_run {
                return send_or_dry_run(global, &client, &input, |o| {
                    vec![
                        ("count", json!(o.count())),
                        ("contacts", shown(o.contacts())),
                        ("request_id", text(o.request_id())),
                    ]
                })
                .await;
            }
            match input.pages(&client).collect_all().await {
                Ok(contacts) => report::success(
                    global.format,
                    "huawei-ticket",
                    "ListHasVerifiedContacts",
                    vec![
                        ("count", json!(contacts.len())),
                        ("contacts", shown(&contacts)),
                    ],
                ),
                Err(e) => report::error(global.format, &ErrorView::from_sdk(&e)),
            }
        }
    }
}

/// `items` as printed: JSON keeps the vendor's values; text and tables say `field`'s coded
/// values as its flag does (`words`: the vendor's value, then the flag's word).
fn as_flags(format: Format, mut items: Value, field: &str, words: &[(Value, &str)]) -> Value {
    if format != Format::Json {
        for item in items.as_array_mut().into_iter().flatten() {
            if let Some((_, word)) = words.iter().find(|(value, _)| *value == item[field]) {
                item[field] = json!(word);
            }
        }
    }
    items
}

/// The listings' builders, for their setters as functions.
type BssListBuilder = huawei_bss::ListSubCustomersInputBuilder;
type ListBuilder = huawei_ticket::ListHasVerifiedContactsInputBuilder;

fn contact_way_of(way: Way) -> huawei_ticket::ContactWay {
    match way {
        Way::Sms => huawei_ticket::ContactWay::Sms,
        Way::Email => huawei_ticket::ContactWay::Email,
    }
}

/// The contact flags on either ticket input builder.
fn contact_input<F>(
    builder: huawei_ticket::ContactInputBuilder<F>,
    contact: &Contact,
) -> huawei_ticket::ContactInputBuilder<F> {
    ticket_headers(contact_value(builder, &contact.value), &contact.headers)
}

/// `--phone`, `--email` (or the vendor's `--contact-way` and `--contact-value`) and
/// `--calling-code` on any ticket input builder; none given leaves them to its validation.
fn contact_value<F>(
    mut builder: huawei_ticket::ContactInputBuilder<F>,
    contact: &ContactValue,
) -> huawei_ticket::ContactInputBuilder<F> {
    if let Some((way, value)) = contact.resolved() {
        builder = builder
            .contact_way(contact_way_of(way))
            .contact_value(value);
    }
    if let Some(v) = &contact.area_code {
        builder = builder.area_code(v.clone());
    }
    builder
}

/// The ticket header flags on any ticket input builder.
fn ticket_headers<F>(
    mut builder: huawei_ticket::ContactInputBuilder<F>,
    contact: &TicketHeaders,
) -> huawei_ticket::ContactInputBuilder<F> {
    if let Some(site) = contact.site {
        builder = builder.site(match site {
            SiteArg::China => huawei_ticket::Site::China,
            SiteArg::International => huawei_ticket::Site::International,
        });
    }
    if let Some(v) = &contact.language {
        builder = builder.language(v.clone());
    }
    if let Some(v) = &contact.time_zone {
        builder = builder.time_zone(v.clone());
    }
    builder
}

/// One of the trial's two inputs.
enum CecInput {
    Send(cec_trial::GenerateVerifyCodeInput),
    Apply(cec_trial::ApplyTenantInput),
}

async fn cec_trial(global: &Global, command: CecCommand) -> Exit {
    let (domain, input) = match command {
        CecCommand::Send { phone, domain } => {
            match cec_trial::GenerateVerifyCodeInput::builder()
                .phone(phone)
                .build()
            {
                Ok(input) => (domain, CecInput::Send(input)),
                Err(e) => return invalid(global, &e, CEC_FLAGS),
            }
        }
        CecCommand::Apply {
            company_name,
            phone,
            verify_code,
            email,
            domain,
        } => {
            match cec_trial::ApplyTenantInput::builder()
                .company_name(company_name)
                .phone(phone)
                .phone_verify_code(verify_code)
                .email(email)
                .build()
            {
                Ok(input) => (domain, CecInput::Apply(input)),
                Err(e) => return invalid(global, &e, CEC_APPLY_FLAGS),
            }
        }
    };
    let mut builder = configure(cec_trial::Client::builder(), global);
    if let Some(domain) = domain {
        builder = builder.domain(domain);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => return build_failed(global, &e),
    };
    match input {
        CecInput::Send(input) => {
            send_or_dry_run(global, &client, &input, |o| {
                vec![("ret_msg", json!(o.ret_msg()))]
            })
            .await
        }
        CecInput::Apply(input) => {
            send_or_dry_run(global, &client, &input, |o| {
                vec![("ret_msg", json!(o.message()))]
            })
            .await
        }
    }
}

/// A Tencent client from the default credentials chain and the shared flags.
/// The credentials of `--profile NAME`: its section of the vendor's profile file, which must
/// exist.
fn named_profile<C>(
    global: &Global,
    name: &str,
    read: Result<Option<C>, vcode_core::CredentialsError>,
    provider: &impl vcode_core::credentials::ProvideCredentials<C>,
) -> Result<C, Exit> {
    match read {
        Ok(Some(credentials)) => Ok(credentials),
        Ok(None) => Err(report::usage(
            global.format,
            &format!(
                "--profile {}: no such profile in {}",
                name.escape_debug(),
                provider.source_name()
            ),
        )),
        Err(e) => Err(report::error(global.format, &ErrorView::credentials(&e))),
    }
}

async fn tencent_client(global: &Global) -> Result<tencent_partners::Client, Exit> {
    let credentials = match &global.profile {
        Some(name) => {
            let provider = vcode_tencent::TencentProfileProvider::new().with_profile(name);
            named_profile(global, name, provider.read(), &provider)?
        }
        None => vcode_tencent::credentials::chain(metadata_for(global.endpoint.as_deref()))
            .resolve()
            .await
            .map_err(|e| report::error(global.format, &ErrorView::credentials(&e)))?,
    };
    let mut builder = configure(
        tencent_partners::Client::builder().credentials(credentials),
        global,
    );
    if let Some(region) = &global.region {
        builder = builder.region(region.clone());
    }
    if let Some(language) = global.tencent_language {
        builder = builder.language(match language {
            TencentLanguage::EnUs => tencent_partners::Language::EnUs,
            TencentLanguage::ZhCn => tencent_partners::Language::ZhCn,
        });
    }
    builder.build().map_err(|e| build_failed(global, &e))
}

async fn tencent_partners(global: &Global, command: TencentCommand) -> Exit {
    // Check the input (and read the password) before the credentials.
    let create = match command {
        TencentCommand::Send {
            country_code,
            phone,
            ..
        } => {
            let input = match tencent_partners::SendVerifyCodeInput::builder()
                .country_code(country_code)
                .phone_num(phone)
                .build()
            {
                Ok(input) => input,
                Err(e) => return invalid(global, &e, TENCENT_FLAGS),
            };
            let client = match tencent_client(global).await {
                Ok(client) => client,
                Err(exit) => return exit,
            };
            return send_or_dry_run(global, &client, &input, |o| request_id(o.request_id())).await;
        }
        TencentCommand::CountryCodes => {
            let client = match tencent_client(global).await {
                Ok(client) => client,
                Err(exit) => return exit,
            };
            return send_or_dry_run(
                global,
                &client,
                &tencent_partners::GetCountryCodesInput,
                |o| {
                    vec![
                        ("countries", json!(o.countries())),
                        ("request_id", json!(o.request_id())),
                    ]
                },
            )
            .await;
        }
        TencentCommand::Customers {
            filter_type,
            filter,
            page,
            page_size,
            order,
            all,
        } => {
            let mut input = tencent_partners::QueryCustomersCreditInput::builder();
            if let (Some(kind), Some(value)) = (filter_type, filter) {
                input = input.filter(
                    match kind {
                        FilterTypeArg::ClientUin => tencent_partners::FilterType::ClientUin,
                        FilterTypeArg::Name => tencent_partners::FilterType::Name,
                        FilterTypeArg::Remark => tencent_partners::FilterType::Remark,
                        FilterTypeArg::Email => tencent_partners::FilterType::Email,
                    },
                    value,
                );
            }
            if let Some(page) = page {
                input = input.page(page);
            }
            if let Some(size) = page_size {
                input = input.page_size(size);
            }
            if let Some(order) = order {
                input = input.order(match order {
                    OrderArg::Desc => tencent_partners::Order::Desc,
                    OrderArg::Asc => tencent_partners::Order::Asc,
                });
            }
            let input = match input.build() {
                Ok(input) => input,
                Err(e) => return invalid(global, &e, TENCENT_CUSTOMERS_FLAGS),
            };
            let client = match tencent_client(global).await {
                Ok(client) => client,
                Err(exit) => return exit,
            };
            if !all || global.dry_run {
                return send_or_dry_run(global, &client, &input, |o| {
                    vec![
                        ("total", json!(o.total())),
                        ("customers", json!(o.customers())),
                        ("request_id", json!(o.request_id())),
                    ]
                })
                .await;
            }
            return match input.pages(&client).collect_all().await {
                Ok(customers) => report::success(
                    global.format,
                    "tencent-partners",
                    "QueryCustomersCredit",
                    vec![
                        ("total", json!(customers.len())),
                        ("customers", json!(customers)),
                    ],
                ),
                Err(e) => report::error(global.format, &ErrorView::from_sdk(&e)),
            };
        }
        TencentCommand::Trades => {
            let client = match tencent_client(global).await {
                Ok(client) => client,
                Err(exit) => return exit,
            };
            return send_or_dry_run(
                global,
                &client,
                &tencent_partners::GetTradeConfigListInput,
                |o| {
                    vec![
                        ("trades", json!(o.trades())),
                        ("request_id", json!(o.request_id())),
                    ]
                },
            )
            .await;
        }
        TencentCommand::CreateAccount(create) => create,
    };
    let input = match tencent_create_input(global, create) {
        Ok(input) => input,
        Err(exit) => return exit,
    };
    let client = match tencent_client(global).await {
        Ok(client) => client,
        Err(exit) => return exit,
    };
    send_or_dry_run(global, &client, &input, |o| {
        vec![
            ("uin", json!(o.uin())),
            ("reason", text(o.reason())),
            ("request_id", json!(o.request_id())),
        ]
    })
    .await
}

fn tencent_create_input(
    global: &Global,
    create: TencentCreate,
) -> Result<tencent_partners::CreateAccountInput, Exit> {
    let password = read_password(global, &create.password, true)?;
    let mut input = tencent_partners::CreateAccountInput::builder()
        .account_type(match create.account_type {
            AccountTypeArg::Personal => tencent_partners::AccountType::Personal,
            AccountTypeArg::Company => tencent_partners::AccountType::Company,
        })
        .mail(create.mail)
        .password(password.clone())
        .confirm_password(password)
        .phone_num(create.phone)
        .country_code(create.country_code)
        .area(create.area)
        .verify_code(create.verify_code)
        .trade_one(create.trade_one)
        .trade_two(create.trade_two);
    if let Some(name) = create.customer_name {
        input = input.customer_name(name);
    }
    if let Some(extended) = create.extended {
        input = input.extended(extended);
    }
    input
        .build()
        .map_err(|e| invalid(global, &e, TENCENT_CREATE_FLAGS))
}
