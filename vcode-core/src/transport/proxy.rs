//! The proxy variables reqwest reads, checked before a client is built: reqwest (through
//! `hyper-util`'s matcher) drops a value it cannot use without a word, and the call would then
//! go direct. Here such a value is a build error that names the variable.

use std::ffi::OsString;

/// The variables reqwest reads, in pairs: the first of a pair that is set is the one used.
const PROXY_VARIABLES: [[&str; 2]; 3] = [
    ["ALL_PROXY", "all_proxy"],
    ["HTTP_PROXY", "http_proxy"],
    ["HTTPS_PROXY", "https_proxy"],
];

/// Checks the proxy variables of an environment (`var` is `std::env::var_os`, or a test's).
///
/// reqwest ignores them all in a CGI program (`REQUEST_METHOD` set), where a request's `Proxy`
/// header would arrive as `HTTP_PROXY`; so does this check. Otherwise a set, non-empty value
/// must be an `http` or `https` URL (or a bare `host:port`, taken as `http`) with a host.
///
/// # Errors
/// The variable and why its value cannot be used; the value itself is not shown (it can hold
/// a user name and password).
pub(crate) fn check_environment(var: impl Fn(&str) -> Option<OsString>) -> Result<(), String> {
    if var("REQUEST_METHOD").is_some() {
        return Ok(());
    }
    for pair in PROXY_VARIABLES {
        let Some((name, value)) = pair
            .iter()
            .find_map(|name| var(name).map(|value| (*name, value)))
        else {
            continue;
        };
        let Some(value) = value.to_str() else {
            return Err(unusable(name, "it is not valid UTF-8"));
        };
        if value.is_empty() {
            continue;
        }
        let uri: http::Uri = value
            .parse()
            .map_err(|_| unusable(name, "it is not a valid URL"))?;
        match uri.scheme_str() {
            None | Some("http" | "https") => {}
            Some(_) => {
                return Err(unusable(
                    name,
                    "its scheme is not http or https (SOCKS proxies are not supported)",
                ));
            }
        }
        if uri.authority().is_none_or(|a| a.host().is_empty()) {
            return Err(unusable(name, "it names no host"));
        }
    }
    Ok(())
}

fn unusable(name: &str, why: &str) -> String {
    format!(
        "the proxy variable {name} is set but cannot be used ({why}); fix or unset it rather than have calls bypass the proxy"
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn check(vars: &[(&str, &str)]) -> Result<(), String> {
        let vars: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        check_environment(|name| vars.get(name).cloned())
    }

    #[test]
    fn usable_proxies_pass() {
        assert_eq!(check(&[]), Ok(()));
        for value in [
            "http://proxy.example:3128",
            "https://user:pa%40ss@proxy.example",
            "proxy.example:3128",
            "http://[::1]:8080",
            "",
        ] {
            for name in ["HTTPS_PROXY", "http_proxy", "ALL_PROXY"] {
                assert_eq!(check(&[(name, value)]), Ok(()), "{name}={value}");
            }
        }
    }

    #[test]
    fn an_unusable_proxy_names_its_variable_and_hides_its_value() {
        for value in [
            "http://[::1",
            "socks5://proxy.example:1080",
            "ftp://proxy.example",
            "http://",
            "http://user:secret@[::1",
        ] {
            for name in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "all_proxy"] {
                let error = check(&[(name, value)]).expect_err(value);
                assert!(error.contains(name), "{error}");
                assert!(!error.contains("secret"), "{error}");
            }
        }
    }

    #[test]
    fn the_first_variable_of_a_pair_is_the_one_reqwest_uses() {
        // reqwest reads `HTTPS_PROXY` and ignores `https_proxy` when both are set.
        assert_eq!(
            check(&[
                ("HTTPS_PROXY", "http://ok.example"),
                ("https_proxy", "http://[::1")
            ]),
            Ok(())
        );
        assert!(check(&[("HTTPS_PROXY", "http://[::1"), ("https_proxy", "http://ok")]).is_err());
    }

    #[test]
    fn a_cgi_program_ignores_the_variables_as_reqwest_does() {
        assert_eq!(
            check(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://[::1")]),
            Ok(())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_value_that_is_not_utf8_is_unusable() {
        use std::os::unix::ffi::OsStringExt;
        let error = check_environment(|name| {
            (name == "HTTP_PROXY").then(|| OsString::from_vec(vec![0x68, 0xff]))
        })
        .expect_err("not UTF-8");
        assert!(error.contains("HTTP_PROXY"), "{error}");
    }
}
