# Claimdesk: `make run` opens the window on the seed article, `make test`
# runs every check. Both install what a fresh Debian machine lacks.
# `make install` puts it in the desktop's menu; `make uninstall` takes it out.

GO      ?= go
DB      ?=
BIN     := bin/claimdesk
export LANG := en_US.UTF-8

# Debian packages: cgo GL/X11 headers for Fyne's GLFW driver, fonts with
# Arabic and CJK glyphs, Xvfb/xdotool for the end-to-end test (xwd and
# ImageMagick for a screenshot by hand), tesseract to read the window's
# text off its screenshots, NLTK to check the
# agreement coefficients against another implementation, scikit-learn for
# suggest's TF-IDF + logistic regression baseline, git for the team folder,
# desktop-file-validate for the menu entry install-check writes, poppler's
# C++ library (and g++ to build against it) to read PDFs, and pdftotext to
# check that reading against poppler's own tool.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev fonts-dejavu-core fonts-droid-fallback \
	xvfb xdotool x11-apps imagemagick python3 python3-nltk python3-sklearn git desktop-file-utils \
	tesseract-ocr tesseract-ocr-eng g++ libpoppler-cpp-dev poppler-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Where make install puts things. Without PREFIX, in the user's home, where
# the desktop looks first and no root is needed (XDG base directories; a
# relative XDG_DATA_HOME is ignored, as the spec says). With PREFIX (such as
# /usr/local), for every user. DESTDIR stages the same tree for a package.
PREFIX  ?=
ifeq ($(PREFIX),)
BINDIR  := $(HOME)/.local/bin
DATADIR := $(if $(filter /%,$(XDG_DATA_HOME)),$(XDG_DATA_HOME),$(HOME)/.local/share)
else
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share
endif
# The entry and the icon are named by the app's ID, as the desktop expects;
# FyneApp.toml holds it; the binary embeds that same file for its metadata.
APP_ID    := $(shell sed -n 's/^ID *= *"\(.*\)"/\1/p' FyneApp.toml)
DESKTOP   := $(DATADIR)/applications/$(APP_ID).desktop
ICON_PNG  := $(DATADIR)/icons/hicolor/256x256/apps/$(APP_ID).png
ICON_SVG  := $(DATADIR)/icons/hicolor/scalable/apps/$(APP_ID).svg
INSTALLED := $(BINDIR)/claimdesk $(DESKTOP) $(ICON_PNG) $(ICON_SVG)
# Only copying into a PREFIX the user cannot write needs root, so sudo does
# that alone and the build stays the user's, in the user's Go cache.
AS_ROOT := $(if $(DESTDIR),,$(if $(PREFIX),$(shell [ -w "$(PREFIX)" ] || echo $(SUDO))))

.PHONY: deps build run test check-format vet staticcheck unit e2e install-check bench scale-bench clean \
	install uninstall

# install_missing installs those of the Debian packages $(1) not installed.
install_missing = missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps:
	@$(call install_missing,$(APT_PACKAGES))
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is needed: https://go.dev/doc/install"; exit 1; }

build: deps
	$(GO) build -o $(BIN) .

run: build
	$(if $(DB),CLAIMDESK_DB=$(DB)) ./$(BIN)

test: deps check-format vet staticcheck unit e2e install-check

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
	CLAIMDESK_E2E=1 CLAIMDESK_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -v ./app/e2e/

install: build
	sed 's|@BINDIR@|$(BINDIR)|; s|@APP_ID@|$(APP_ID)|' assets/claimdesk.desktop.in > bin/$(APP_ID).desktop
	$(AS_ROOT) install -D -m 0755 $(BIN) "$(DESTDIR)$(BINDIR)/claimdesk"
	$(AS_ROOT) install -D -m 0644 bin/$(APP_ID).desktop "$(DESTDIR)$(DESKTOP)"
	$(AS_ROOT) install -D -m 0644 assets/icon.png "$(DESTDIR)$(ICON_PNG)"
	$(AS_ROOT) install -D -m 0644 assets/icon.svg "$(DESTDIR)$(ICON_SVG)"

uninstall:
	$(AS_ROOT) rm -fv $(foreach f,$(INSTALLED),"$(DESTDIR)$(f)")

# Both kinds of install into a throw-away tree: the entry must validate and
# name the installed binary, and uninstall must leave no file behind. -o build:
# the binary is built already, and go build under the throw-away HOME would
# start from a cold cache.
install-check: build
	@stage=$$(mktemp -d); trap 'rm -rf "$$stage"' EXIT; set -e; \
	check() { \
		$(MAKE) -s --no-print-directory -o build install $$1 >/dev/null; \
		[ $$(find "$$stage" -type f | wc -l) = $(words $(INSTALLED)) ] || { echo "install $$1 did not write $(INSTALLED)"; exit 1; }; \
		desktop-file-validate "$$2"; \
		[ "$$(sed -n 's/^Exec=.*"\(.*\)"$$/\1/p' "$$2")" = "$$3" ] || { echo "$$2: Exec does not name $$3"; exit 1; }; \
		[ -x "$$4" ] || { echo "install $$1 did not write $$4"; exit 1; }; \
		$(MAKE) -s --no-print-directory uninstall $$1 >/dev/null; \
		left=$$(find "$$stage" ! -type d); \
		[ -z "$$left" ] || { echo "uninstall $$1 left:"; echo "$$left"; exit 1; }; \
	}; \
	home=$$stage/home; entry=applications/$(APP_ID).desktop; \
	check "HOME=$$home XDG_DATA_HOME= PREFIX= DESTDIR=" "$$home/.local/share/$$entry" \
		"$$home/.local/bin/claimdesk" "$$home/.local/bin/claimdesk"; \
	check "HOME=$$home XDG_DATA_HOME=$$stage/data PREFIX= DESTDIR=" "$$stage/data/$$entry" \
		"$$home/.local/bin/claimdesk" "$$home/.local/bin/claimdesk"; \
	check "HOME=$$home PREFIX=/usr/local DESTDIR=$$stage/root" "$$stage/root/usr/local/share/$$entry" \
		/usr/local/bin/claimdesk "$$stage/root/usr/local/bin/claimdesk"; \
	echo "install-check: ok (per user, per user with XDG_DATA_HOME, PREFIX=/usr/local under DESTDIR)"

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# README's Scale table: the 100,000-claim store, and with SIZE=1m the
# 1,000,000-claim one too (minutes to build; kept under $$SCALE_DIR).
# Never part of make test. fzf is what search is timed against, GNU time
# reads each process's peak memory.
scale-bench: deps
	@$(call install_missing,fzf time)
	scripts/scale-bench $(SIZE)

clean:
	rm -rf bin
