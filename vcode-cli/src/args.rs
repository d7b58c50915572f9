//! The command line, as clap derives it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the vendor returned an error (its code is printed, and in --output json)
  2  invalid usage or input, or missing credentials: nothing was sent
  3  transport failure or unreadable response: the message says whether the request may have
     been sent (a refused connection or a DNS failure was not)

Credentials come from the vendors' usual places: HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK
(+ HUAWEICLOUD_SDK_DOMAIN_ID, HUAWEICLOUD_SDK_SECURITY_TOKEN) then ~/.huaweicloud/credentials;
TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY then ~/.tencentcloud/credentials.";

/// How results and errors are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// One line per result; errors on stderr.
    #[default]
    Text,
    /// Aligned columns: a result's fields, then each list as a table.
    Table,
    /// One JSON object per result or error, on stdout.
    Json,
}

/// Send and check vendor verification codes, sign requests, run the sandbox.
#[derive(Debug, Parser)]
#[command(name = "vcode", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    /// Trace each call to stderr (never secrets; personal data masked).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,
    /// How results and errors are printed: text (one line), table, or json (one object).
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub(crate) output: Option<OutputFormat>,
    /// Short for --output json.
    #[arg(long, global = true, conflicts_with = "output")]
    pub(crate) json: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// What every call to a vendor accepts. Each vendor subcommand takes these before or after
/// its operation; no other subcommand accepts them. Listed apart from the operation's fields.
#[derive(Debug, Args)]
#[command(next_help_heading = "Call options")]
pub(crate) struct CallArgs {
    /// Send to this URL instead of the vendor's (for example the sandbox's).
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) endpoint: Option<String>,
    /// Give up after this many seconds (each attempt and the whole call), at least 1.
    #[arg(long, global = true, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) timeout: Option<u64>,
    /// Allow a plain `http://` endpoint on another host (trusted test networks only).
    #[arg(long, global = true)]
    pub(crate) allow_insecure_http: bool,
    /// Print the exact signed HTTP request (tokens redacted) and send nothing.
    #[arg(long, global = true)]
    pub(crate) dry_run: bool,
}

/// The Huawei services' flags: authentication (each service adds its own regions).
#[derive(Debug, Args)]
#[command(next_help_heading = "Call options")]
pub(crate) struct HuaweiArgs {
    #[command(flatten)]
    pub(crate) call: CallArgs,
    /// Authenticate with this IAM token (X-Auth-Token) instead of AK/SK. Visible to other
    /// users in the process list: prefer --token-env.
    #[arg(
        long,
        global = true,
        value_name = "TOKEN",
        conflicts_with = "token_env"
    )]
    pub(crate) token: Option<String>,
    /// Read the IAM token from this environment variable.
    #[arg(long, global = true, value_name = "VAR")]
    pub(crate) token_env: Option<String>,
    /// Take AK/SK from section `[NAME]` of the profile file (HUAWEICLOUD_SDK_CREDENTIALS_FILE or
    /// ~/.huaweicloud/credentials; keys ak, sk, domain_id, project_id, security_token) instead
    /// of the environment and `[global]`.
    #[arg(long, global = true, value_name = "NAME", conflicts_with_all = ["token", "token_env"])]
    pub(crate) profile: Option<String>,
    /// The account's domain id (X-Domain-Id) for AK/SK; overrides HUAWEICLOUD_SDK_DOMAIN_ID.
    /// Without one it is looked up through IAM.
    #[arg(long, global = true, value_name = "ID")]
    pub(crate) domain_id: Option<String>,
    /// Where to look the domain id up (default `https://iam.myhuaweicloud.com`; required with a
    /// loopback --endpoint and no domain id, so a sandbox run never reaches the real IAM).
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) iam_endpoint: Option<String>,
}

/// Tencent's flags: region.
#[derive(Debug, Args)]
#[command(next_help_heading = "Call options")]
pub(crate) struct TencentArgs {
    #[command(flatten)]
    pub(crate) call: CallArgs,
    /// The region, sent as X-TC-Region.
    #[arg(long, global = true)]
    pub(crate) region: Option<String>,
    /// X-TC-Language: the language of the answer's messages and of a text message sent.
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub(crate) language: Option<TencentLanguage>,
    /// Take the keys from section `[NAME]` of the profile file (TENCENTCLOUD_CREDENTIALS_FILE or
    /// ~/.tencentcloud/credentials; keys secret_id, secret_key, token) instead of the
    /// environment and `[default]`.
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) profile: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Huawei Cloud BSS International: check an identity, mail a code, create the customer.
    #[command(name = "huawei-bss")]
    HuaweiBss {
        #[command(flatten)]
        args: HuaweiArgs,
        /// The region.
        #[arg(long, global = true, value_parser = huawei_bss::Region::ALL.map(huawei_bss::Region::id), help_heading = "Call options")]
        region: Option<String>,
        #[command(subcommand)]
        command: BssCommand,
    },
    /// Huawei Cloud service tickets (OSM): contact verification (need, send, check, list).
    #[command(name = "huawei-ticket")]
    HuaweiTicket {
        #[command(flatten)]
        args: HuaweiArgs,
        /// The region.
        #[arg(long, global = true, value_parser = huawei_ticket::Region::ALL.map(huawei_ticket::Region::id), help_heading = "Call options")]
        region: Option<String>,
        #[command(subcommand)]
        command: TicketCommand,
    },
    /// Huawei Cloud CEC one-click trial: text a code, apply for the trial tenant.
    #[command(name = "cec-trial")]
    CecTrial {
        #[command(flatten)]
        args: CallArgs,
        #[command(subcommand)]
        command: CecCommand,
    },
    /// Tencent Cloud International Partners: text a code, create the account.
    #[command(name = "tencent-partners")]
    TencentPartners {
        #[command(flatten)]
        args: TencentArgs,
        #[command(subcommand)]
        command: TencentCommand,
    },
    /// Print the headers that sign a request (Huawei SDK-HMAC-SHA256 or Tencent TC3).
    Sign {
        #[command(subcommand)]
        command: SignCommand,
    },
    /// Run the sandbox in the foreground until Ctrl-C (one line per request it answers), or
    /// read a running sandbox's outbox.
    #[command(args_conflicts_with_subcommands = true)]
    Sandbox {
        /// Loopback port (default: a free one).
        #[arg(long)]
        port: Option<u16>,
        #[command(subcommand)]
        command: Option<SandboxCommand>,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    /// Print every account a running sandbox has created, one line each (newest last).
    Accounts {
        /// The sandbox's base URL, as `vcode sandbox` printed it.
        #[arg(long, value_name = "URL")]
        endpoint: String,
    },
    /// Print every code a running sandbox has sent, one line each (newest last).
    Outbox {
        /// The sandbox's base URL, as `vcode sandbox` printed it.
        #[arg(long, value_name = "URL")]
        endpoint: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum BssCommand {
    /// SendVerificationMessageCode.
    Send {
        /// The recipient's address (at most 64 characters).
        #[arg(long)]
        email: String,
        /// The email's language.
        #[arg(long, value_enum, ignore_case = true)]
        language: Option<BssLang>,
        /// The code's validity in minutes (1 to 3000; over 60 counts as 5).
        #[arg(long)]
        timeout_minutes: Option<u32>,
        /// receiver_type: where the code goes (only `email` is documented).
        #[arg(long, value_enum)]
        receiver_type: Option<ReceiverArg>,
    },
    /// CheckUserIdentity: is an email, mobile number or account name still free?
    #[command(group = clap::ArgGroup::new("identity").required(true))]
    CheckIdentity {
        /// An email address.
        #[arg(long, group = "identity")]
        email: Option<String>,
        /// search_type mobile: a phone number written 00XX-XXXXXXXX (such as 0065-91234567).
        #[arg(long = "phone", visible_alias = "mobile", group = "identity")]
        mobile: Option<String>,
        /// An account name.
        #[arg(long, group = "identity")]
        account_name: Option<String>,
    },
    /// CreateSubCustomer: create the customer with the mailed code. Never retried; after a
    /// "may have been sent" error, run `list --account-name` before trying again.
    Create(BssCreate),
    /// ListSubCustomers: the partner's customers, filtered.
    List(BssList),
}

/// ListSubCustomers' filters: every one of the official model's.
#[derive(Debug, Args)]
pub(crate) struct BssList {
    /// account_name: the account name (matched fuzzily by the vendor; `""` means no filter).
    #[arg(long)]
    pub(crate) account_name: Option<String>,
    /// customer: the real-name authentication name (matched fuzzily).
    #[arg(long)]
    pub(crate) customer: Option<String>,
    /// offset: customers to skip (0 to 40,000,000).
    #[arg(long)]
    pub(crate) offset: Option<u32>,
    /// limit: customers per answer (1 to 100).
    #[arg(long)]
    pub(crate) limit: Option<u32>,
    /// label: the customer's label (matched fuzzily).
    #[arg(long)]
    pub(crate) label: Option<String>,
    /// association_type: referral (1) or reseller (3).
    #[arg(long, value_enum)]
    pub(crate) association_type: Option<AssociationArg>,
    /// associated_on_begin: associated at or after, UTC (such as 2024-01-01T00:00:00Z).
    #[arg(long, value_name = "RFC3339")]
    pub(crate) associated_on_begin: Option<String>,
    /// associated_on_end: associated before, UTC (such as 2024-02-01T00:00:00Z).
    #[arg(long, value_name = "RFC3339")]
    pub(crate) associated_on_end: Option<String>,
    /// customer_id: the customer (account) id.
    #[arg(long)]
    pub(crate) customer_id: Option<String>,
    /// indirect_partner_id: the reseller the customers belong to.
    #[arg(long)]
    pub(crate) indirect_partner_id: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum AssociationArg {
    /// `1`: the partner referred the customer.
    Referral,
    /// `3`: the partner resells to the customer.
    Reseller,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ReceiverArg {
    /// `2`: an email.
    Email,
}

/// Where a new account's password comes from: never a flag's value.
#[derive(Debug, Args)]
pub(crate) struct PasswordSource {
    /// Read the password from this environment variable (default VCODE_PASSWORD); when it is
    /// not set, prompt for it on the terminal without echo.
    #[arg(long, value_name = "VAR")]
    pub(crate) password_env: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct BssCreate {
    /// domain_name: the account name (unset: the vendor generates one).
    #[arg(long)]
    pub(crate) domain_name: Option<String>,
    /// email: the customer's email (needs --code).
    #[arg(long)]
    pub(crate) email: Option<String>,
    /// verification_code: the code mailed to --email.
    #[arg(long = "code", visible_alias = "verification-code")]
    pub(crate) verification_code: Option<String>,
    /// domain_area: ISO 3166 alpha-2 country code, such as MX.
    #[arg(long)]
    pub(crate) domain_area: String,
    /// xaccount_id: the customer's id on your platform.
    #[arg(long)]
    pub(crate) xaccount_id: String,
    /// xaccount_type: the platform id Huawei assigned to you.
    #[arg(long)]
    pub(crate) xaccount_type: String,
    /// Give the customer a password (from --password-env or a prompt); without it the customer
    /// signs in through your SSO only.
    #[arg(long)]
    pub(crate) with_password: bool,
    #[command(flatten)]
    pub(crate) password: PasswordSource,
    /// Stop marketing messages to the customer.
    #[arg(long)]
    pub(crate) close_marketing: bool,
    /// indirect_partner_id: the reseller the customer belongs to.
    #[arg(long)]
    pub(crate) indirect_partner_id: Option<String>,
    /// include_association_result: wait for the association's outcome in the answer.
    #[arg(long)]
    pub(crate) include_association_result: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum BssLang {
    #[value(name = "en-us")]
    EnUs,
    #[value(name = "zh-cn")]
    ZhCn,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TicketCommand {
    /// SendVerifyCodes.
    Send(Contact),
    /// CheckVerifyCodes.
    Check {
        #[command(flatten)]
        contact: Contact,
        /// verify_code: the code the person typed (6 characters).
        #[arg(long = "code", visible_alias = "verify-code")]
        verify_code: String,
        /// x_customer_id: the IAM user id the check is for.
        #[arg(long)]
        x_customer_id: Option<String>,
        /// customer_id: the customer (account) id the check is for.
        #[arg(long)]
        customer_id: Option<String>,
    },
    /// CheckNeedVerify: must this contact be verified?
    NeedVerify(Contact),
    /// ListHasVerifiedContacts: the verified contacts, one page, or every page with --all.
    ListVerified {
        #[command(flatten)]
        contact: ContactValue,
        /// customer_id: only this customer (account) id.
        #[arg(long)]
        customer_id: Option<String>,
        /// sub_customer_id: only this IAM user id.
        #[arg(long)]
        sub_customer_id: Option<String>,
        /// expired_time: only contacts verified until this time (yyyy-MM-dd HH:mm:ss).
        #[arg(long)]
        expired_time: Option<String>,
        /// verified_id: only this verification's serial number.
        #[arg(long)]
        verified_id: Option<String>,
        /// offset (one page only).
        #[arg(long, conflicts_with = "all")]
        offset: Option<u32>,
        /// Contacts per page (0 to 100).
        #[arg(long)]
        limit: Option<u32>,
        /// Walk every page.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        headers: TicketHeaders,
    },
}

/// A ticket contact: `--phone` or `--email` (the vendor's `contact_way` and
/// `contact_value`, also accepted as they are), and its calling code.
#[derive(Debug, Args)]
pub(crate) struct ContactValue {
    /// contact_value with contact_way sms: the phone number, digits.
    #[arg(long, conflicts_with_all = ["email", "contact_value"])]
    pub(crate) phone: Option<String>,
    /// contact_value with contact_way email: the address.
    #[arg(long, conflicts_with = "contact_value")]
    pub(crate) email: Option<String>,
    /// contact_way, the vendor's form (with --contact-value; --phone or --email say it).
    #[arg(long, value_enum, requires = "contact_value")]
    pub(crate) contact_way: Option<Way>,
    /// contact_value, the vendor's form (with --contact-way).
    #[arg(long, requires = "contact_way")]
    pub(crate) contact_value: Option<String>,
    /// area_code: the calling code (required for sending an SMS), such as 86.
    #[arg(long = "calling-code", visible_alias = "area-code")]
    pub(crate) area_code: Option<String>,
}

impl ContactValue {
    /// The contact way and value given, in whichever form.
    pub(crate) fn resolved(&self) -> Option<(Way, String)> {
        match (
            &self.phone,
            &self.email,
            self.contact_way,
            &self.contact_value,
        ) {
            (Some(phone), ..) => Some((Way::Sms, phone.clone())),
            (_, Some(email), ..) => Some((Way::Email, email.clone())),
            (_, _, Some(way), Some(value)) => Some((way, value.clone())),
            _ => None,
        }
    }
}

/// The contact of a send, a check or a need-verify (one is required) and the headers.
#[derive(Debug, Args)]
pub(crate) struct Contact {
    #[command(flatten)]
    pub(crate) value: ContactValue,
    #[command(flatten)]
    pub(crate) headers: TicketHeaders,
}

/// The headers every ticket operation takes.
#[derive(Debug, Args)]
pub(crate) struct TicketHeaders {
    /// X-Site.
    #[arg(long, value_enum)]
    pub(crate) site: Option<SiteArg>,
    /// X-Language: the language of the message, such as zh-cn or en-us (1 to 32 characters).
    #[arg(long)]
    pub(crate) language: Option<String>,
    /// X-Time-Zone, such as GMT+8.
    #[arg(long)]
    pub(crate) time_zone: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Way {
    Sms,
    Email,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum SiteArg {
    China,
    International,
}

#[derive(Debug, Subcommand)]
pub(crate) enum CecCommand {
    /// generateverifycode (needs --domain or --endpoint).
    Send {
        /// The mobile number: digits with an optional leading +.
        #[arg(long)]
        phone: String,
        /// The CEC deployment's domain, such as service.besclouds.com.
        #[arg(long)]
        domain: Option<String>,
    },
    /// applyTenant: apply for the trial tenant with the texted code. Never retried.
    Apply {
        /// companyName.
        #[arg(long)]
        company_name: String,
        /// The mobile number the code was sent to.
        #[arg(long)]
        phone: String,
        /// phoneVerifyCode: the texted code.
        #[arg(long = "code", visible_alias = "verify-code")]
        verify_code: String,
        /// Where the account details are mailed.
        #[arg(long)]
        email: String,
        /// The CEC deployment's domain, such as service.besclouds.com.
        #[arg(long)]
        domain: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TencentCommand {
    /// SendVerifyCode.
    Send {
        /// CountryCode: the calling code (1 to 4 digits; not 7, 380 or 86).
        #[arg(long = "calling-code", visible_alias = "country-code")]
        country_code: String,
        /// PhoneNum: the number without the calling code.
        #[arg(long)]
        phone: String,
    },
    /// CreateAccount: create the customer's account with the texted code. Never retried.
    CreateAccount(TencentCreate),
    /// GetCountryCodes: the calling codes and ISO codes CreateAccount accepts.
    CountryCodes,
    /// GetTradeConfigList: the industries CreateAccount accepts.
    Trades,
    /// QueryCustomersCredit: the partner's customers, one page, or every page with --all.
    Customers {
        /// FilterType: what --filter is matched against.
        #[arg(long, value_enum, requires = "filter")]
        filter_type: Option<FilterTypeArg>,
        /// Filter: the value to match.
        #[arg(long, requires = "filter_type")]
        filter: Option<String>,
        /// Page: from 1 (one page only).
        #[arg(long, conflicts_with = "all")]
        page: Option<u32>,
        /// PageSize: customers per page, at least 1.
        #[arg(long)]
        page_size: Option<u32>,
        /// Order: by AssociationTime (default desc).
        #[arg(long, value_enum)]
        order: Option<OrderArg>,
        /// Walk every page.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum FilterTypeArg {
    /// `ClientUin`.
    ClientUin,
    /// `Name`.
    Name,
    /// `Remark`.
    Remark,
    /// `Email`.
    Email,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum OrderArg {
    /// `desc`: newest first.
    Desc,
    /// `asc`: oldest first.
    Asc,
}

#[derive(Debug, Args)]
pub(crate) struct TencentCreate {
    /// AccountType.
    #[arg(long, value_enum)]
    pub(crate) account_type: AccountTypeArg,
    /// Mail: the account's email.
    #[arg(long = "email", visible_alias = "mail")]
    pub(crate) mail: String,
    /// PhoneNum: the number the code was sent to.
    #[arg(long)]
    pub(crate) phone: String,
    /// CountryCode: the calling code.
    #[arg(long = "calling-code", visible_alias = "country-code")]
    pub(crate) country_code: String,
    /// Area: the ISO 3166 alpha-2 code matching --country-code.
    #[arg(long)]
    pub(crate) area: String,
    /// VerifyCode: the texted code.
    #[arg(long = "code", visible_alias = "verify-code")]
    pub(crate) verify_code: String,
    /// TradeOne: the layer-1 industry id (see `trades`).
    #[arg(long)]
    pub(crate) trade_one: String,
    /// TradeTwo: the layer-2 industry id.
    #[arg(long)]
    pub(crate) trade_two: String,
    /// CustomerName: the person's or company's name.
    #[arg(long)]
    pub(crate) customer_name: Option<String>,
    /// Extended.
    #[arg(long)]
    pub(crate) extended: Option<String>,
    #[command(flatten)]
    pub(crate) password: PasswordSource,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum AccountTypeArg {
    Personal,
    Company,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum TencentLanguage {
    #[value(name = "en-US")]
    EnUs,
    #[value(name = "zh-CN")]
    ZhCn,
}

/// What to sign: the parts every scheme shares.
#[derive(Debug, Args)]
pub(crate) struct SignInput {
    /// A header to send and sign, as 'Name: value' (repeatable).
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub(crate) headers: Vec<String>,
    /// The body.
    #[arg(long, conflicts_with = "data_file")]
    pub(crate) data: Option<String>,
    /// Read the body from this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) data_file: Option<PathBuf>,
    /// The signing time: unix seconds or RFC 3339 (SDK-HMAC-SHA256 also its own
    /// YYYYMMDDTHHMMSSZ). Default: now.
    #[arg(long)]
    pub(crate) time: Option<String>,
    /// Also print the canonical request and string to sign to stderr.
    #[arg(long)]
    pub(crate) explain: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SignCommand {
    /// SDK-HMAC-SHA256 with HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, signing what the SDK
    /// sends: a body's `Content-Type: application/json` and the account's `X-Domain-Id`
    /// (HUAWEICLOUD_SDK_DOMAIN_ID) are added unless given.
    Huawei {
        /// The HTTP method.
        #[arg(long, default_value = "POST")]
        method: String,
        /// Sign only the headers given (-H) and Host, not the ones the SDK adds (to reproduce a
        /// published example).
        #[arg(long)]
        only_given_headers: bool,
        /// The request URL, or a bare path (`/path?query`), which signs no Host.
        #[arg(long)]
        url: String,
        #[command(flatten)]
        input: SignInput,
    },
    /// TC3-HMAC-SHA256 with TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY.
    Tencent {
        /// The service (product); default: the first label of the host.
        #[arg(long)]
        service: Option<String>,
        /// The Content-Type sent (signed exactly as given).
        #[arg(long, default_value = "application/json")]
        content_type: String,
        /// The request URL, such as `https://intlpartnersmgt.tencentcloudapi.com/`.
        #[arg(long)]
        url: String,
        #[command(flatten)]
        input: SignInput,
    },
}
