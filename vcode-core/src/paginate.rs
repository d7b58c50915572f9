//! Listings as `futures_core::Stream`s: what a vendor crate's page walker turns into.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

/// The future of one step of a [`Paging`] stream: the next item and the state after it, or
/// `None` at the end.
pub type Step<S, T> = Pin<Box<dyn Future<Output = Option<(T, S)>> + Send>>;

/// A `Stream` that runs `step` on its state, one item at a time, until `step` answers `None`
/// (the listing's pages, or their items, in order). Built by vendor crates; callers use it
/// through `futures_core::Stream` (with `futures::StreamExt` or `tokio_stream::StreamExt`).
pub struct Paging<S, T> {
    state: Option<S>,
    step: fn(S) -> Step<S, T>,
    pending: Option<Step<S, T>>,
}

impl<S, T> Paging<S, T> {
    /// A stream from `state`, advanced by `step`.
    pub fn new(state: S, step: fn(S) -> Step<S, T>) -> Self {
        Self {
            state: Some(state),
            step,
            pending: None,
        }
    }
}

impl<S, T> fmt::Debug for Paging<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paging")
            .field("done", &(self.state.is_none() && self.pending.is_none()))
            .finish_non_exhaustive()
    }
}

// The state is only ever moved into `step`'s boxed future, never pinned in place.
impl<S, T> Unpin for Paging<S, T> {}

impl<S, T> Stream for Paging<S, T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = &mut *self;
        if this.pending.is_none() {
            let Some(state) = this.state.take() else {
                return Poll::Ready(None);
            };
            this.pending = Some((this.step)(state));
        }
        let Some(pending) = this.pending.as_mut() else {
            return Poll::Ready(None);
        };
        match pending.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(step) => {
                this.pending = None;
                Poll::Ready(step.map(|(item, state)| {
                    this.state = Some(state);
                    item
                }))
            }
        }
    }
}

/// A page walker of a vendor crate: what the listing `Stream`s are built on.
pub trait Pages: Send + Sized + 'static {
    /// One page.
    type Page: Send + 'static;
    /// One item of a page.
    type Item: Send + 'static;
    /// The walk's error.
    type Error: Send + 'static;

    /// The next page, `None` at the end.
    fn next_page(&mut self)
    -> impl Future<Output = Option<Result<Self::Page, Self::Error>>> + Send;

    /// A page's items, in order.
    fn into_items(page: Self::Page) -> Vec<Self::Item>;
}

/// The pages of a walk as a `Stream`.
pub fn pages<P: Pages>(walker: P) -> impl Stream<Item = Result<P::Page, P::Error>> + Send + Unpin {
    Paging::new(walker, |mut walker| {
        Box::pin(async move { walker.next_page().await.map(|page| (page, walker)) })
    })
}

/// The items of a walk's pages, one by one, as a `Stream`; an error ends it after the items
/// already delivered.
pub fn items<P: Pages>(walker: P) -> impl Stream<Item = Result<P::Item, P::Error>> + Send + Unpin {
    Paging::new(
        (walker, std::collections::VecDeque::new()),
        |(mut walker, mut buffered)| {
            Box::pin(async move {
                loop {
                    if let Some(item) = buffered.pop_front() {
                        return Some((Ok(item), (walker, buffered)));
                    }
                    match walker.next_page().await? {
                        Ok(page) => buffered.extend(P::into_items(page)),
                        Err(error) => return Some((Err(error), (walker, buffered))),
                    }
                }
            })
        },
    )
}

/// The end of a walk that stopped after `received` items: short of the `announced` total of
/// its last page (with that page's request id), the
/// [`Incomplete`](vcode_core::ResponseErrorKind::Incomplete) error; else nothing more.
pub fn short_listing<T, E>(
    received: usize,
    announced: Option<(u32, Option<String>)>,
) -> Option<Result<T, crate::SdkError<E>>> {
    let (announced, request_id) = announced?;
    let received = received as u64;
    (received < u64::from(announced)).then(|| {
        Err(crate::SdkError::Response(crate::ResponseError::incomplete(
            received,
            u64::from(announced),
            200,
            request_id.as_deref(),
        )))
    })
}
