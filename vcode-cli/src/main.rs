//! `vcode`: send and check verification codes through the vcode clients, print the headers
//! that sign a request, and run the sandbox. `vcode --help` lists the exit codes.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod args;
mod report;
mod sandbox;
mod sign;

use std::process::ExitCode;
use std::time::Duration;

use args::{
    BssCommand, BssLang, CallArgs, CecCommand, Cli, Command, Contact, HuaweiArgs, SandboxCommand,
    SiteArg, TencentArgs, TencentCommand, TencentLanguage, TicketCommand, Way,
};
use clap::{CommandFactory, Parser};
use report::{ErrorView, Exit};
use vcode_core::credentials::{CredentialsChain, HuaweiCredentials, IamToken};
use vcode_core::huawei::HuaweiFamily;
use vcode_core::service::{Operation, Service};
use vcode_core::{Client, ClientBuilder};

fn main() -> ExitCode {
    let cli = Cli::parse();
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

async fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::HuaweiBss { args, command } => huawei_bss(&Global::huawei(args), command).await,
        Command::HuaweiTicket { args, command } => {
            huawei_ticket(&Global::huawei(args), command).await
        }
        Command::CecTrial { args, command } => cec_trial(&Global::call(args), command).await,
        Command::TencentPartners { args, command } => {
            tencent_partners(&Global::tencent(args), command).await
        }
        Command::Sign { json, command } => sign::run(command, json),
        Command::Sandbox {
            command: Some(SandboxCommand::Outbox { endpoint, json }),
            ..
        } => sandbox::outbox(&endpoint, json).await,
        Command::Sandbox {
            port,
            command: None,
        } => sandbox::serve(port.unwrap_or(0)).await,
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "vcode", &mut std::io::stdout());
            Exit::Success
        }
    }
}

/// The flags of one vendor call, whichever vendor: what does not apply to a vendor is absent
/// (clap rejects it on that vendor's subcommand).
#[derive(Debug, Default)]
struct Global {
    endpoint: Option<String>,
    timeout: Option<u64>,
    json: bool,
    dry_run: bool,
    region: Option<String>,
    token: Option<String>,
    token_env: Option<String>,
    domain_id: Option<String>,
    iam_endpoint: Option<String>,
}

impl Global {
    fn call(args: CallArgs) -> Self {
        Self {
            endpoint: args.endpoint,
            timeout: args.timeout,
            json: args.json,
            dry_run: args.dry_run,
            ..Self::default()
        }
    }

    fn huawei(args: HuaweiArgs) -> Self {
        Self {
            region: args.region,
            token: args.token,
            token_env: args.token_env,
            domain_id: args.domain_id,
            iam_endpoint: args.iam_endpoint,
            ..Self::call(args.call)
        }
    }

    fn tencent(args: TencentArgs) -> Self {
        Self {
            region: args.region,
            ..Self::call(args.call)
        }
    }
}

/// Applies the shared flags to any client builder.
fn configure<S: Service>(mut builder: ClientBuilder<S>, global: &Global) -> ClientBuilder<S> {
    if let Some(endpoint) = &global.endpoint {
        builder = builder.endpoint(endpoint.clone());
    }
    if let Some(secs) = global.timeout {
        let limit = Duration::from_secs(secs);
        builder = builder.attempt_timeout(limit).total_timeout(limit);
    }
    builder
}

/// Builds a Huawei client from the credentials, the shared flags and `--region` (read by
/// `region`, whose error lists the known ones), or answers the exit to return.
fn huawei_client<S: Service<Family = HuaweiFamily>>(
    global: &Global,
    region: impl FnOnce(&str) -> Result<S::Region, String>,
) -> Result<Client<S>, Exit> {
    let credentials = huawei_credentials(global)?;
    let mut builder = configure(Client::<S>::builder().credentials(credentials), global);
    if let Some(iam) = &global.iam_endpoint {
        builder = builder.iam_endpoint(iam.clone());
    }
    if let Some(id) = &global.region {
        builder = builder.region(region(id).map_err(|e| report::usage(global.json, &e))?);
    }
    builder.build().map_err(|e| build_failed(global, &e))
}

/// Sends `input` with `client`, or prints what would be sent; `describe` says what the
/// success line shows.
async fn send_or_dry_run<O: Operation>(
    global: &Global,
    client: &Client<O::Service>,
    input: &O,
    describe: impl FnOnce(&O::Output) -> Option<String>,
) -> Exit {
    let vendor = <O::Service as Service>::NAME;
    if global.dry_run {
        match client.dry_run(input).await {
            Ok(prepared) => report::dry_run(global.json, &prepared),
            Err(e) => report::error(global.json, &ErrorView::from_sdk(&e)),
        }
    } else {
        match client.send(input).await {
            Ok(output) => report::success(global.json, vendor, O::NAME, describe(&output)),
            Err(e) => report::error(global.json, &ErrorView::from_sdk(&e)),
        }
    }
}

/// Huawei credentials: `--token`, else the environment and profile chain. A dry run needs the
/// domain id up front, since looking it up would contact IAM.
fn huawei_credentials(global: &Global) -> Result<HuaweiCredentials, Exit> {
    let token = match &global.token_env {
        Some(var) => match std::env::var(var) {
            Ok(token) => Some(token),
            Err(_) => {
                return Err(report::usage(
                    global.json,
                    &format!("--token-env: {var} is not set"),
                ));
            }
        },
        None => global.token.clone(),
    };
    if let Some(token) = token {
        return IamToken::new(token)
            .map(HuaweiCredentials::Token)
            .map_err(|e| report::error(global.json, &ErrorView::credentials(&e)));
    }
    let mut credentials = CredentialsChain::huawei_default()
        .resolve()
        .map_err(|e| report::error(global.json, &ErrorView::credentials(&e)))?;
    if let (Some(domain_id), HuaweiCredentials::AkSk(aksk)) = (&global.domain_id, &credentials) {
        credentials = HuaweiCredentials::AkSk(aksk.clone().with_domain_id(domain_id.clone()));
    }
    if global.dry_run
        && let HuaweiCredentials::AkSk(aksk) = &credentials
        && aksk.domain_id().is_none()
    {
        return Err(report::usage(
            global.json,
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
    report::error(global.json, &ErrorView::invalid(e, flags))
}

const BSS_FLAGS: &[(&str, &str)] = &[
    ("email", "--email"),
    ("timeout", "--timeout-minutes"),
    ("lang", "--language"),
];
const TICKET_FLAGS: &[(&str, &str)] = &[
    ("contact_way", "--contact-way"),
    ("contact_value", "--contact-value"),
    ("area_code", "--area-code"),
    ("verify_code", "--verify-code"),
    ("X-Language", "--language"),
    ("X-Time-Zone", "--time-zone"),
];
const CEC_FLAGS: &[(&str, &str)] = &[("phone", "--phone")];
const TENCENT_FLAGS: &[(&str, &str)] =
    &[("CountryCode", "--country-code"), ("PhoneNum", "--phone")];

fn build_failed(global: &Global, e: &vcode_core::BuildError) -> Exit {
    report::usage(global.json, &e.to_string())
}

async fn huawei_bss(global: &Global, command: BssCommand) -> Exit {
    let BssCommand::Send {
        email,
        language,
        timeout_minutes,
    } = command;
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
    let input = match input.build() {
        Ok(input) => input,
        Err(e) => return invalid(global, &e, BSS_FLAGS),
    };
    let client = match huawei_client::<huawei_bss::Bss>(global, |id| {
        huawei_bss::Region::from_id(id).ok_or_else(|| {
            format!("unknown huawei-bss region `{id}` (ap-southeast-1, eu-west-101)")
        })
    }) {
        Ok(client) => client,
        Err(exit) => return exit,
    };
    send_or_dry_run(
        global,
        &client,
        &input,
        |o: &huawei_bss::SendVerificationCodeOutput| o.request_id().map(str::to_owned),
    )
    .await
}

async fn huawei_ticket(global: &Global, command: TicketCommand) -> Exit {
    let (contact, verify_code) = match command {
        TicketCommand::Send(contact) => (contact, None),
        TicketCommand::Check {
            contact,
            verify_code,
        } => (contact, Some(verify_code)),
    };
    let client = match huawei_client::<huawei_ticket::Osm>(global, |id| {
        huawei_ticket::Region::from_id(id).ok_or_else(|| {
            format!("unknown huawei-ticket region `{id}` (ap-southeast-3, cn-south-1, eu-west-101)")
        })
    }) {
        Ok(client) => client,
        Err(exit) => return exit,
    };
    let describe = |o: &huawei_ticket::VerifyCodesOutput| o.request_id().map(str::to_owned);
    match verify_code {
        None => {
            match contact_input(huawei_ticket::SendVerifyCodesInput::builder(), &contact).build() {
                Ok(input) => send_or_dry_run(global, &client, &input, describe).await,
                Err(e) => invalid(global, &e, TICKET_FLAGS),
            }
        }
        Some(code) => {
            match contact_input(huawei_ticket::CheckVerifyCodesInput::builder(), &contact)
                .verify_code(code)
                .build()
            {
                Ok(input) => send_or_dry_run(global, &client, &input, describe).await,
                Err(e) => invalid(global, &e, TICKET_FLAGS),
            }
        }
    }
}

/// The contact flags on either ticket input builder.
fn contact_input<F>(
    builder: huawei_ticket::ContactInputBuilder<F>,
    contact: &Contact,
) -> huawei_ticket::ContactInputBuilder<F> {
    let mut builder = builder
        .contact_way(match contact.contact_way {
            Way::Sms => huawei_ticket::ContactWay::Sms,
            Way::Email => huawei_ticket::ContactWay::Email,
        })
        .contact_value(contact.contact_value.clone());
    if let Some(v) = &contact.area_code {
        builder = builder.area_code(v.clone());
    }
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

async fn cec_trial(global: &Global, command: CecCommand) -> Exit {
    let CecCommand::Send { phone, domain } = command;
    let input = match cec_trial::GenerateVerifyCodeInput::builder()
        .phone(phone)
        .build()
    {
        Ok(input) => input,
        Err(e) => return invalid(global, &e, CEC_FLAGS),
    };
    let mut builder = configure(cec_trial::Client::builder(), global);
    if let Some(domain) = domain {
        builder = builder.domain(domain);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => return build_failed(global, &e),
    };
    send_or_dry_run(
        global,
        &client,
        &input,
        |o: &cec_trial::GenerateVerifyCodeOutput| Some(o.ret_msg().to_owned()),
    )
    .await
}

async fn tencent_partners(global: &Global, command: TencentCommand) -> Exit {
    let TencentCommand::Send {
        country_code,
        phone,
        language,
    } = command;
    let input = match tencent_partners::SendVerifyCodeInput::builder()
        .country_code(country_code)
        .phone_num(phone)
        .build()
    {
        Ok(input) => input,
        Err(e) => return invalid(global, &e, TENCENT_FLAGS),
    };
    let credentials = match CredentialsChain::tencent_default().resolve() {
        Ok(c) => c,
        Err(e) => return report::error(global.json, &ErrorView::credentials(&e)),
    };
    let mut builder = configure(
        tencent_partners::Client::builder().credentials(credentials),
        global,
    );
    if let Some(region) = &global.region {
        builder = builder.region(region.clone());
    }
    if let Some(language) = language {
        builder = builder.language(match language {
            TencentLanguage::EnUs => tencent_partners::Language::EnUs,
            TencentLanguage::ZhCn => tencent_partners::Language::ZhCn,
        });
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => return build_failed(global, &e),
    };
    send_or_dry_run(
        global,
        &client,
        &input,
        |o: &tencent_partners::SendVerifyCodeOutput| Some(o.request_id().to_owned()),
    )
    .await
}
