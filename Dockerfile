# Multi-stage build: compile in the Rust image, run from a slim Debian with only the binary,
# the default config and the seeds.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p parkgraph-server --bin parkgraph

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/parkgraph parkgraph \
 && mkdir -p /var/lib/parkgraph/data && chown -R parkgraph /var/lib/parkgraph
COPY --from=build /src/target/release/parkgraph /usr/local/bin/parkgraph
COPY seeds /opt/parkgraph/seeds
COPY config /opt/parkgraph/config
USER parkgraph
WORKDIR /var/lib/parkgraph
ENV PARKGRAPH__SERVER__ADDR=0.0.0.0:50051 \
    PARKGRAPH__STORE__PATH=/var/lib/parkgraph/data \
    PARKGRAPH__SEEDS__DIR=/opt/parkgraph/seeds \
    PARKGRAPH__LOG__FORMAT=json
EXPOSE 50051
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s \
  CMD ["parkgraph", "healthcheck", "--addr", "127.0.0.1:50051"]
ENTRYPOINT ["parkgraph"]
CMD ["serve"]
