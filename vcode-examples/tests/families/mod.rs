//! Test services of both vendor families (a Huawei global service, a Tencent product), for the
//! families' credentials, refresh and trace tests, on top of `vcode-core`'s own test helpers
//! (the test operation, clocks, configs: the same file, not a copy).

#![allow(dead_code)]

#[path = "../../../vcode-core/tests/common/mod.rs"]
mod core_common;

pub use core_common::*;

use std::sync::Arc;

use vcode_core::credentials::ProvideCredentials;
use vcode_core::service::{Auth, Service};
use vcode_core::{BuildError, Client, ClientConfig};
use vcode_huawei::{HuaweiClientBuilderExt, HuaweiCredentials, HuaweiFamily};
use vcode_tencent::{TencentCredentials, TencentFamily, TencentRegion};

/// A Huawei global service.
#[derive(Debug)]
pub struct TestHuawei;

impl Service for TestHuawei {
    const NAME: &'static str = "test";
    const USER_AGENT: &'static str = "vcode-families-tests/0.1.0";
    type Family = HuaweiFamily;
    type Region = ();

    fn endpoint(_: &(), _: &HuaweiFamily) -> Result<String, BuildError> {
        Err(BuildError::new("the tests give an endpoint"))
    }

    fn setup(
        _: &(),
        family: HuaweiFamily,
        credentials: Option<Arc<dyn ProvideCredentials<HuaweiCredentials>>>,
        config: &mut ClientConfig,
    ) -> Result<Auth, BuildError> {
        vcode_huawei::global_auth(family, credentials, config)
    }
}

/// A Tencent product (`intlpartnersmgt`).
#[derive(Debug)]
pub struct TestTencent;

impl Service for TestTencent {
    const NAME: &'static str = "test";
    const USER_AGENT: &'static str = "vcode-families-tests/0.1.0";
    type Family = TencentFamily;
    type Region = TencentRegion;

    fn endpoint(_: &TencentRegion, family: &TencentFamily) -> Result<String, BuildError> {
        Ok(family.root_domain.endpoint("intlpartnersmgt"))
    }

    fn setup(
        region: &TencentRegion,
        family: TencentFamily,
        credentials: Option<Arc<dyn ProvideCredentials<TencentCredentials>>>,
        config: &mut ClientConfig,
    ) -> Result<Auth, BuildError> {
        vcode_tencent::setup("intlpartnersmgt", region, family, credentials, config)
    }
}

/// A Huawei client looking a missing domain id up at `iam`.
pub fn huawei_client(
    config: ClientConfig,
    credentials: impl ProvideCredentials<HuaweiCredentials> + 'static,
    iam: &str,
) -> Client<TestHuawei> {
    Client::builder()
        .config(config)
        .credentials(credentials)
        .iam_endpoint(iam)
        .build()
        .expect("client builds")
}

/// A Tencent client.
pub fn tencent_client(
    config: ClientConfig,
    credentials: impl ProvideCredentials<TencentCredentials> + 'static,
) -> Client<TestTencent> {
    Client::builder()
        .config(config)
        .credentials(credentials)
        .build()
        .expect("client builds")
}
