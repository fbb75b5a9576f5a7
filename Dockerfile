# syntax=docker/dockerfile:1
# A static binary in a distroless image, running as non-root.
# The Go of go.mod's toolchain line: the standard library with its security fixes.
FROM golang:1.27.3 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ctoadvisor ./cmd/ctoadvisor

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ctoadvisor /ctoadvisor
USER nonroot:nonroot
ENV HTTP_ADDR=:8080
EXPOSE 8080
# No shell in the image: the binary probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/ctoadvisor", "healthcheck"]
ENTRYPOINT ["/ctoadvisor"]
CMD ["serve"]
