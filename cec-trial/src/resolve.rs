//! A lost `applyTenant` answer cannot be resolved: CEC documents no operation that lists
//! tenants, so its resolution is always unknown (with that reason), and the caller decides
//! (a second application for the same company answers `004`: a tenant exists).

use std::convert::Infallible;

use vcode_core::resolve::{Resolution, Resolve, ResolveOptions};

use crate::{ApplyTenantInput, Client};

/// The reason every resolution of an `applyTenant` gives.
pub const NO_LOOKUP: &str =
    "CEC documents no operation that lists tenants, so nothing can say whether it was applied";

impl Resolve for ApplyTenantInput {
    /// Nothing: no lookup exists.
    type Found = Infallible;

    /// Answers [`Resolution::Unknown`] with [`NO_LOOKUP`], sending nothing.
    fn resolve<'a>(
        &'a self,
        _client: &'a Client,
        _options: &'a ResolveOptions,
    ) -> impl Future<Output = Resolution<Infallible>> + Send + 'a {
        std::future::ready(Resolution::Unknown(NO_LOOKUP.to_owned()))
    }
}
