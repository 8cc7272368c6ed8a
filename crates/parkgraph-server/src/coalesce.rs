//! Write coalescing under hyper/h2: one socket write per connection poll instead of one per
//! large reply.
//!
//! h2 0.4 chains every DATA payload of 256 bytes or more and flushes the socket before it can
//! buffer the next frame (hyperium/h2#711, #902), so each ~1.8 kB GetPark reply cost its own
//! `writev` and TCP segment while many small Health replies shared one. [`Coalesce`] copies
//! writes into a bounded buffer and *defers* a flush: `poll_flush` wakes the task and returns
//! `Ready`, so the connection is polled again after the tasks already queued (which may finish
//! more replies); the bytes go out at the start of the next `poll_read` (h2 reads before it
//! writes more), at the next flush that adds nothing, or in `poll_shutdown`.
//!
//! Invariants:
//! - No stranded bytes: `poll_flush` returns `Ready` with bytes still buffered only after
//!   `wake_by_ref`, so the task is polled again; in that poll a read, a flush with nothing new or
//!   a shutdown writes them (h2 always reads, hyper's HTTP/1 dispatcher always flushes). Any
//!   other path empties the buffer or returns `Pending` from the socket, which registered the
//!   task for writability.
//! - No busy loop: a flush with nothing written since the last deferral, or while the socket is
//!   known to be full, writes instead of deferring again.
//! - Bounded memory: at most [`CAPACITY`] bytes are buffered; a write that does not fit first
//!   drains the buffer into the socket (`Pending` if the peer does not read) and one of
//!   [`CAPACITY`] or more goes straight to the socket.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tonic::transport::server::Connected;

/// The most bytes buffered per connection: a few dozen replies, well under a socket's send
/// buffer, and h2's own write buffer is 16 KiB.
pub const CAPACITY: usize = 64 * 1024;

/// An IO whose writes are buffered and whose flushes are deferred to the next read, flush or
/// shutdown (see the module docs).
#[derive(Debug)]
pub struct Coalesce<T> {
    io: T,
    buf: Vec<u8>,
    /// Bytes of `buf` already written to `io`.
    pos: usize,
    /// Bytes were buffered since the last deferred flush.
    dirty: bool,
    /// The last write to `io` returned `Pending` (the task waits for writability).
    blocked: bool,
}

impl<T> Coalesce<T> {
    pub fn new(io: T) -> Self {
        Coalesce {
            io,
            buf: Vec::new(),
            pos: 0,
            dirty: false,
            blocked: false,
        }
    }

    fn buffered(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn append(&mut self, bytes: &[u8]) {
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        } else if self.pos > 0 && self.buf.len() + bytes.len() > self.buf.capacity() {
            // Reuse the written front rather than grow past the cap after a partial write.
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
        self.dirty = true;
    }
}

impl<T: AsyncWrite + Unpin> Coalesce<T> {
    /// Writes every buffered byte to `io`; `Pending` (with the task registered) if it is full.
    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.pos < self.buf.len() {
            match Pin::new(&mut self.io).poll_write(cx, &self.buf[self.pos..]) {
                Poll::Pending => {
                    self.blocked = true;
                    return Poll::Pending;
                }
                Poll::Ready(Ok(0)) => {
                    self.discard();
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                Poll::Ready(Ok(n)) => {
                    self.blocked = false;
                    self.pos += n;
                }
                Poll::Ready(Err(e)) => {
                    // The connection is broken; keeping the bytes would only retry the error.
                    self.discard();
                    return Poll::Ready(Err(e));
                }
            }
        }
        self.buf.clear();
        self.pos = 0;
        self.dirty = false;
        // Vec doubling can overshoot; an idle connection keeps at most the cap.
        if self.buf.capacity() > CAPACITY {
            self.buf.shrink_to(CAPACITY);
        }
        Poll::Ready(Ok(()))
    }

    fn discard(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.dirty = false;
    }

    /// Makes room for `len` more bytes: `Ready(true)` if they fit in the buffer now,
    /// `Ready(false)` if they should go straight to `io` (the buffer is empty).
    fn poll_room(&mut self, cx: &mut Context<'_>, len: usize) -> Poll<io::Result<bool>> {
        if self.buffered() + len <= CAPACITY {
            return Poll::Ready(Ok(true));
        }
        ready!(self.poll_drain(cx))?;
        Poll::Ready(Ok(len < CAPACITY))
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> AsyncRead for Coalesce<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        // The read boundary: whatever the last poll wrote goes out before we wait for the peer.
        // A full socket keeps the bytes (the task is registered for writability) and still reads.
        if this.buffered() > 0 {
            if let Poll::Ready(Err(e)) = this.poll_drain(cx) {
                return Poll::Ready(Err(e));
            }
        }
        Pin::new(&mut this.io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Coalesce<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if ready!(this.poll_room(cx, data.len()))? {
            this.append(data);
            Poll::Ready(Ok(data.len()))
        } else {
            Pin::new(&mut this.io).poll_write(cx, data)
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let len = bufs.iter().map(|b| b.len()).sum();
        if ready!(this.poll_room(cx, len))? {
            for b in bufs {
                this.append(b);
            }
            Poll::Ready(Ok(len))
        } else {
            Pin::new(&mut this.io).poll_write_vectored(cx, bufs)
        }
    }

    /// True: h2 then hands over DATA payloads of 256 bytes or more as a second slice instead of
    /// copying those under 1 KiB into its own buffer first; we copy once either way (cheap next
    /// to the syscall saved), and writes too large to buffer keep vectored IO.
    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.buffered() > 0 {
            if this.dirty && !this.blocked {
                // Deferred: the wake guarantees another poll, which writes (module docs).
                this.dirty = false;
                cx.waker().wake_by_ref();
                return Poll::Ready(Ok(()));
            }
            ready!(this.poll_drain(cx))?;
        }
        Pin::new(&mut this.io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_drain(cx))?;
        ready!(Pin::new(&mut this.io).poll_flush(cx))?;
        Pin::new(&mut this.io).poll_shutdown(cx)
    }
}

impl<T> Drop for Coalesce<T> {
    fn drop(&mut self) {
        let left = self.buffered();
        if left > 0 {
            // A connection dropped without shutdown (aborted at the end of the drain time, or
            // after an error) loses what it had not written; nothing waits for it any more.
            tracing::debug!(bytes = left, "connection closed with unwritten replies");
        }
    }
}

impl<T: Connected> Connected for Coalesce<T> {
    /// The socket's own info, so `Request::remote_addr` still finds a `TcpConnectInfo`.
    type ConnectInfo = T::ConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.io.connect_info()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::task::{Wake, Waker};

    /// A socket stand-in: records writes, and can be full, broken or have nothing to read.
    #[derive(Default)]
    struct Mock {
        written: Vec<u8>,
        writes: usize,
        /// Bytes it accepts before it is full (`None`: unlimited).
        room: Option<usize>,
        fail: bool,
        flushes: usize,
        shut: bool,
        incoming: Vec<u8>,
    }

    impl AsyncRead for Mock {
        fn poll_read(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            let this = self.get_mut();
            if this.incoming.is_empty() {
                return Poll::Pending;
            }
            let n = this.incoming.len().min(buf.remaining());
            buf.put_slice(&this.incoming[..n]);
            this.incoming.drain(..n);
            Poll::Ready(Ok(()))
        }
    }

    impl AsyncWrite for Mock {
        fn poll_write(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            data: &[u8],
        ) -> Poll<io::Result<usize>> {
            let this = self.get_mut();
            if this.fail {
                return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
            }
            let n = data.len().min(this.room.unwrap_or(usize::MAX));
            if n == 0 {
                return Poll::Pending;
            }
            if let Some(room) = &mut this.room {
                *room -= n;
            }
            this.writes += 1;
            this.written.extend_from_slice(&data[..n]);
            Poll::Ready(Ok(n))
        }

        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            self.get_mut().flushes += 1;
            Poll::Ready(Ok(()))
        }

        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            self.get_mut().shut = true;
            Poll::Ready(Ok(()))
        }
    }

    #[derive(Default)]
    struct Wakes(AtomicUsize);

    impl Wake for Wakes {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    struct Harness {
        io: Coalesce<Mock>,
        wakes: Arc<Wakes>,
        waker: Waker,
    }

    impl Harness {
        fn new(mock: Mock) -> Self {
            let wakes = Arc::new(Wakes::default());
            Harness {
                io: Coalesce::new(mock),
                waker: Waker::from(wakes.clone()),
                wakes,
            }
        }

        fn wakes(&self) -> usize {
            self.wakes.0.load(Ordering::SeqCst)
        }

        fn mock(&mut self) -> &mut Mock {
            &mut self.io.io
        }

        fn write(&mut self, data: &[u8]) -> Poll<io::Result<usize>> {
            let mut cx = Context::from_waker(&self.waker);
            Pin::new(&mut self.io).poll_write(&mut cx, data)
        }

        fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> Poll<io::Result<usize>> {
            let mut cx = Context::from_waker(&self.waker);
            Pin::new(&mut self.io).poll_write_vectored(&mut cx, bufs)
        }

        fn flush(&mut self) -> Poll<io::Result<()>> {
            let mut cx = Context::from_waker(&self.waker);
            Pin::new(&mut self.io).poll_flush(&mut cx)
        }

        fn shutdown(&mut self) -> Poll<io::Result<()>> {
            let mut cx = Context::from_waker(&self.waker);
            Pin::new(&mut self.io).poll_shutdown(&mut cx)
        }

        /// Reads into a scratch buffer; returns what was read, or the poll result.
        fn read(&mut self) -> Poll<io::Result<Vec<u8>>> {
            let mut cx = Context::from_waker(&self.waker);
            let mut space = [0u8; 64];
            let mut buf = ReadBuf::new(&mut space);
            ready!(Pin::new(&mut self.io).poll_read(&mut cx, &mut buf))?;
            Poll::Ready(Ok(buf.filled().to_vec()))
        }
    }

    fn ready_ok<T: std::fmt::Debug>(p: Poll<io::Result<T>>) -> T {
        match p {
            Poll::Ready(Ok(v)) => v,
            other => panic!("expected Ready(Ok), got {other:?}"),
        }
    }

    #[test]
    fn a_deferred_flush_wakes_and_writes_at_the_next_read() {
        let mut h = Harness::new(Mock::default());
        assert_eq!(ready_ok(h.write(b"reply one;")), 10);
        ready_ok(h.flush());
        assert_eq!(
            ready_ok(h.write_vectored(&[IoSlice::new(b"two"), IoSlice::new(b";")])),
            4
        );
        ready_ok(h.flush());
        assert!(
            h.mock().written.is_empty(),
            "nothing written before the read boundary"
        );
        assert_eq!(h.wakes(), 2, "every deferral wakes the task");

        h.mock().incoming = b"req".to_vec();
        assert_eq!(ready_ok(h.read()), b"req");
        assert_eq!(h.mock().written, b"reply one;two;");
        assert_eq!(h.mock().writes, 1, "both replies in one write");

        // Nothing buffered: the flush goes to the socket and nobody is woken.
        ready_ok(h.flush());
        assert_eq!(h.wakes(), 2);
        assert_eq!(h.mock().flushes, 1);
    }

    #[test]
    fn a_read_with_nothing_to_read_still_writes() {
        let mut h = Harness::new(Mock::default());
        ready_ok(h.write(b"reply"));
        ready_ok(h.flush());
        assert!(h.read().is_pending());
        assert_eq!(h.mock().written, b"reply");
    }

    #[test]
    fn a_flush_with_nothing_new_writes_instead_of_deferring_again() {
        // hyper's HTTP/1 dispatcher may not read before it flushes again.
        let mut h = Harness::new(Mock::default());
        ready_ok(h.write(b"head+body"));
        ready_ok(h.flush());
        assert!(h.mock().written.is_empty());
        ready_ok(h.flush());
        assert_eq!(h.mock().written, b"head+body");
        assert_eq!(h.wakes(), 1);
    }

    #[test]
    fn shutdown_writes_everything_first() {
        let mut h = Harness::new(Mock::default());
        ready_ok(h.write(b"goaway"));
        ready_ok(h.flush());
        ready_ok(h.shutdown());
        assert_eq!(h.mock().written, b"goaway");
        assert!(h.mock().shut);
    }

    #[test]
    fn shutdown_waits_for_a_full_socket() {
        let mut h = Harness::new(Mock {
            room: Some(2),
            ..Mock::default()
        });
        ready_ok(h.write(b"goaway"));
        assert!(h.shutdown().is_pending());
        assert!(!h.mock().shut);
        h.mock().room = None;
        ready_ok(h.shutdown());
        assert_eq!(h.mock().written, b"goaway");
        assert!(h.mock().shut);
    }

    #[test]
    fn a_peer_that_never_reads_gets_backpressure_not_memory() {
        let mut h = Harness::new(Mock {
            room: Some(1000),
            ..Mock::default()
        });
        let chunk = [7u8; 1800];
        let mut accepted = 0;
        while let Poll::Ready(r) = h.write(&chunk) {
            accepted += r.unwrap();
            assert!(accepted <= CAPACITY + 1000 + chunk.len(), "unbounded");
        }
        assert!(h.io.buffered() <= CAPACITY);
        assert!(h.io.buf.capacity() <= 2 * CAPACITY);
        assert_eq!(
            h.mock().written.len(),
            1000,
            "the socket took what it had room for"
        );
        assert_eq!(accepted, 1000 + h.io.buffered());

        // A full socket: the flush waits for writability instead of waking itself (no spin).
        let wakes = h.wakes();
        assert!(h.flush().is_pending());
        assert!(h.read().is_pending());
        assert_eq!(h.wakes(), wakes);

        // Still reading while the write waits (the peer's WINDOW_UPDATE or GOAWAY must get in).
        h.mock().incoming = b"window update".to_vec();
        assert_eq!(ready_ok(h.read()), b"window update");

        // The peer reads again: everything arrives, in order.
        h.mock().room = None;
        ready_ok(h.flush());
        assert_eq!(h.mock().written.len(), accepted);
        assert_eq!(h.io.buffered(), 0);
        assert!(
            h.io.buf.capacity() <= CAPACITY,
            "an idle connection keeps at most the cap"
        );
    }

    #[test]
    fn a_large_write_goes_straight_to_the_socket() {
        let mut h = Harness::new(Mock::default());
        ready_ok(h.write(b"small"));
        let big = vec![1u8; CAPACITY];
        assert_eq!(ready_ok(h.write(&big)), CAPACITY);
        assert_eq!(h.io.buffered(), 0);
        assert_eq!(h.mock().written.len(), 5 + CAPACITY);
        assert_eq!(&h.mock().written[..5], b"small", "order kept");
    }

    #[test]
    fn a_write_error_surfaces_on_the_next_read_and_drops_the_bytes() {
        let mut h = Harness::new(Mock::default());
        ready_ok(h.write(b"reply"));
        ready_ok(h.flush());
        h.mock().fail = true;
        h.mock().incoming = b"req".to_vec();
        match h.read() {
            Poll::Ready(Err(e)) => assert_eq!(e.kind(), io::ErrorKind::BrokenPipe),
            other => panic!("expected the write error, got {other:?}"),
        }
        assert_eq!(h.io.buffered(), 0);
    }

    #[test]
    fn a_write_error_surfaces_on_shutdown() {
        let mut h = Harness::new(Mock::default());
        ready_ok(h.write(b"reply"));
        h.mock().fail = true;
        assert!(matches!(h.shutdown(), Poll::Ready(Err(_))));
        assert!(!h.mock().shut);
    }

    #[tokio::test]
    async fn connect_info_is_the_sockets() {
        use tonic::transport::server::TcpConnectInfo;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let client = tokio::net::TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (server, _) = listener.accept().await.unwrap();
        let info: TcpConnectInfo = Coalesce::new(server).connect_info();
        assert_eq!(info.remote_addr(), Some(client.local_addr().unwrap()));
    }

    #[tokio::test]
    async fn bytes_reach_the_peer_through_a_pipe() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (near, mut far) = tokio::io::duplex(256);
        let mut io = Coalesce::new(near);
        io.write_all(b"hello").await.unwrap();
        io.flush().await.unwrap();
        // The read boundary writes; the peer answers only after it got the bytes.
        let peer = tokio::spawn(async move {
            let mut got = [0u8; 5];
            far.read_exact(&mut got).await.unwrap();
            far.write_all(b"ack").await.unwrap();
            got
        });
        let mut ack = [0u8; 3];
        io.read_exact(&mut ack).await.unwrap();
        assert_eq!(&ack, b"ack");
        assert_eq!(&peer.await.unwrap(), b"hello");
        io.shutdown().await.unwrap();
    }
}
