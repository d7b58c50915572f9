//! The accept loop, router and fault injection.
//!
//! Connections are served one by one with hyper so that a fault can cut a connection without
//! answering: each connection gets a kill switch in its requests' extensions.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State as Shared};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::StatusCode;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tower::ServiceExt;

use crate::log::{self, Logger};
use crate::state::State;
use crate::{DropPoint, Fault, Route, bss, cec, huawei, tencent, ticket};

/// Cuts the connection a request arrived on.
#[derive(Clone)]
struct ConnectionKiller(Arc<Notify>);

pub(crate) async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    logger: Option<Logger>,
    mut stop: oneshot::Receiver<()>,
) {
    let router = match logger {
        Some(logger) => {
            router(state).layer(middleware::from_fn_with_state(logger, log::log_requests))
        }
        None => router(state),
    };
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                tokio::spawn(serve_connection(stream, router.clone()));
            }
        }
    }
}

async fn serve_connection(stream: tokio::net::TcpStream, router: Router) {
    let killer = Arc::new(Notify::new());
    let for_requests = killer.clone();
    let service =
        hyper::service::service_fn(move |mut request: http::Request<hyper::body::Incoming>| {
            request
                .extensions_mut()
                .insert(ConnectionKiller(for_requests.clone()));
            router.clone().oneshot(request.map(Body::new))
        });
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    // Dropping the connection future closes the socket without an answer.
    tokio::select! {
        _ = connection => {}
        () = killer.notified() => {}
    }
}

fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(huawei::IAM_DOMAINS_PATH, get(huawei::iam_domains))
        .route(bss::SEND_PATH, post(bss::send))
        .route(ticket::SEND_PATH, post(ticket::send))
        .route(ticket::CHECK_PATH, post(ticket::check))
        .route(cec::PATH, post(cec::generate))
        .route(cec::APPLY_PATH, post(cec::apply_tenant))
        .route(bss::CHECK_IDENTITY_PATH, post(bss::check_identity))
        .route(bss::CREATE_PATH, post(bss::create))
        .route(bss::LIST_PATH, post(bss::list))
        .route(ticket::NEED_VERIFY_PATH, get(ticket::need_verify))
        .route(ticket::HAS_VERIFIED_PATH, get(ticket::has_verified))
        .route("/", post(by_action))
        .route("/_sandbox/outbox", get(outbox))
        .route("/_sandbox/accounts", get(accounts))
        .route("/_sandbox/requests", get(requests))
        .layer(middleware::from_fn_with_state(state.clone(), faults))
        .with_state(state)
}

/// `POST /` is shared by the APIs that name their action in a header rather than in the path
/// (Tencent API 3.0: `X-TC-Action`): the header picks the vendor. A vendor added later that
/// also posts to `/` adds its header here.
async fn by_action(
    state: Shared<Arc<State>>,
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: bytes::Bytes,
) -> Response {
    if headers.contains_key(tencent::ACTION_HEADER) {
        return tencent::dispatch(state, method, uri, headers, body).await;
    }
    (
        StatusCode::NOT_FOUND,
        "POST / takes the API that names its action in a header (X-TC-Action); this request names none",
    )
        .into_response()
}

async fn outbox(Shared(state): Shared<Arc<State>>) -> Response {
    axum::Json(state.memory().outbox.clone()).into_response()
}

async fn requests(Shared(state): Shared<Arc<State>>) -> Response {
    axum::Json(state.memory().received.clone()).into_response()
}

async fn accounts(Shared(state): Shared<Arc<State>>) -> Response {
    axum::Json(state.memory().accounts.clone()).into_response()
}

/// Takes the fault for a route, counting down faults limited to some requests.
fn take_fault(state: &State, route: Route) -> Option<Fault> {
    let mut memory = state.memory();
    let fault = memory.faults.get_mut(&route)?;
    let taken = fault.clone();
    if let Some(remaining) = &mut fault.remaining {
        *remaining = remaining.saturating_sub(1);
        if *remaining == 0 {
            memory.faults.remove(&route);
        }
    }
    Some(taken)
}

async fn faults(Shared(state): Shared<Arc<State>>, request: Request, next: Next) -> Response {
    let route = Route::of(request.method(), request.uri().path());
    if let Some(route) = route {
        let action = request
            .headers()
            .get(tencent::ACTION_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(crate::log::one_line);
        state.record(route, action);
    }
    let fault = route.and_then(|r| take_fault(&state, r));
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if let Some(delay) = fault.latency {
        tokio::time::sleep(delay).await;
    }
    if let Some(point) = fault.drop {
        let killer = request.extensions().get::<ConnectionKiller>().cloned();
        match point {
            DropPoint::BeforeReading => {}
            DropPoint::AfterReading => {
                let _ = axum::body::to_bytes(request.into_body(), 1 << 20).await;
            }
            DropPoint::AfterHandling => drop(next.run(request).await),
        }
        if let Some(ConnectionKiller(notify)) = killer {
            notify.notify_one();
        }
        // The connection is being dropped; this answer is never written.
        return std::future::pending::<Response>().await;
    }
    if let Some((status, body)) = fault.respond {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (status, body).into_response();
    }
    next.run(request).await
}
