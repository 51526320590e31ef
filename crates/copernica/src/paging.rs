//! Paged results as a lazy [`Stream`]: pages are fetched one at a time, when
//! the consumer has used up the previous one.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use soapgen_runtime::transport::BoxFuture;

use crate::error::Result;
use crate::results::Page;

/// Default number of objects per request (the API's own default for `length`).
pub const DEFAULT_PAGE_SIZE: i32 = 100;

/// Largest `length` Copernica accepts per request.
pub const MAX_PAGE_SIZE: i32 = 1000;

/// Fetches the page starting at `start` with at most `length` objects.
pub(crate) type FetchPage<T> =
    Arc<dyn Fn(i32, i32) -> BoxFuture<'static, Result<Page<T>>> + Send + Sync>;

/// All objects of a paged result, fetched lazily page by page.
///
/// Implements [`Stream`]`<Item = Result<T>>`; use `futures::TryStreamExt`
/// (`try_next`, `try_collect`) or [`Paged::collect_all`]. The stream ends
/// after the last page (`start + length >= total`, or an empty page); an error
/// ends it after being yielded.
pub struct Paged<T> {
    inner: BoxStream<'static, Result<T>>,
}

impl<T: Send + 'static> Paged<T> {
    pub(crate) fn new(page_size: i32, fetch: FetchPage<T>) -> Paged<T> {
        let page_size = page_size.clamp(1, MAX_PAGE_SIZE);
        // State: the next offset, or None once the last page was seen.
        let pages = stream::try_unfold(Some(0i32), move |next| {
            let fetch = Arc::clone(&fetch);
            async move {
                let Some(start) = next else {
                    return Ok(None);
                };
                let page = fetch(start, page_size).await?;
                let got = page.items.len() as i32;
                let end = start.saturating_add(got);
                let more = got > 0 && end < page.total;
                Ok(Some((page.items, more.then_some(end))))
            }
        });
        let inner = pages
            .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
            .try_flatten()
            .boxed();
        Paged { inner }
    }

    /// Converts every object.
    pub fn map<U: Send + 'static>(self, f: impl FnMut(T) -> U + Send + 'static) -> Paged<U> {
        Paged {
            inner: self.inner.map_ok(f).boxed(),
        }
    }

    /// Reads all pages into one vector.
    pub async fn collect_all(self) -> Result<Vec<T>> {
        self.inner.try_collect().await
    }
}

impl<T> Stream for Paged<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<T> std::fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Paged { .. }")
    }
}
