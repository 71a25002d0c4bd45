# Build and run jobdraft. Used by docker-compose.yml.
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/jobdraft /usr/local/bin/jobdraft
ENV JOBDRAFT_BIND=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["jobdraft"]
CMD ["serve"]
