# Claimdesk: `make run` opens the window on the seed article, `make test`
# runs every check. Both install what a fresh Debian machine lacks.

GO      ?= go
DB      ?=
BIN     := bin/claimdesk
export LANG := en_US.UTF-8

# Debian packages: cgo GL/X11 headers for Fyne's GLFW driver, fonts with
# Arabic and CJK glyphs, and Xvfb/xdotool/xwd/ImageMagick for the end-to-end test.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev fonts-dejavu-core fonts-droid-fallback \
	xvfb xdotool x11-apps imagemagick python3

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test check-format vet staticcheck unit e2e bench clean

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is needed: https://go.dev/doc/install"; exit 1; }

build: deps
	$(GO) build -o $(BIN) .

run: build
	$(if $(DB),CLAIMDESK_DB=$(DB)) ./$(BIN)

test: deps check-format vet staticcheck unit e2e

check-format:
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck ./...

unit:
	$(GO) test -race -count=1 ./...

# The real binary in a real window under Xvfb, driven with xdotool.
e2e: build
	CLAIMDESK_E2E=1 CLAIMDESK_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -run TestEndToEnd -v ./app/e2e/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
