# install.mk - make install / make uninstall (included by the Makefile).
#
#   make install [PREFIX=/usr/local] [DESTDIR=/staging]
#   make uninstall  (the same PREFIX and DESTDIR)
#
# GNU directory variables, each overridable: bindir, datarootdir, datadir,
# mandir, includedir, libdir (and pkgconfigdir).  What goes where:
#   $(bindir)        campaign-lint campaign-mock campaign-test campaign-probes
#   $(pkgdatadir)    schemas/ (contract and case schemas, contract-rows.tsv),
#                    fixtures.json (the mock's), examples/ (the probes'
#                    bases), docs/contract.md (the rows the probes name)
#   $(man1dir)       one page per tool
#   $(includedir)/campaign/  the public headers
#   $(libdir)        libcampaign.a; $(pkgconfigdir)/campaign-contract.pc
#
# The tools find their data relative to their own directory
# (bin/../share/campaign-contract, include/campaign/locate.h), so with the
# default bindir and datarootdir a copied or moved prefix keeps working.
#
# install depends on the built files only, never on `build` as a whole:
# after `make build`, `sudo make install` writes nothing in the tree (the
# pkg-config file is written straight to its destination), so no
# root-owned file is left behind.

PREFIX      ?= /usr/local
DESTDIR     ?=
bindir      ?= $(PREFIX)/bin
datarootdir ?= $(PREFIX)/share
datadir     ?= $(datarootdir)
mandir      ?= $(datarootdir)/man
man1dir     ?= $(mandir)/man1
includedir  ?= $(PREFIX)/include
libdir      ?= $(PREFIX)/lib
pkgconfigdir ?= $(libdir)/pkgconfig
pkgdatadir  := $(datadir)/campaign-contract
VERSION     := $(shell sed -n 's/^\#define JSV_VERSION "\(.*\)"/\1/p' include/campaign/jsv.h)
INSTALL     ?= install

# The pkg-config file names its directories relative to itself when they
# are the default ones, so it moves with the prefix; else as given.
ifeq ($(libdir)|$(includedir)|$(pkgconfigdir),$(PREFIX)/lib|$(PREFIX)/include|$(PREFIX)/lib/pkgconfig)
PC_PREFIX := $${pcfiledir}/../..
PC_LIBDIR := $${prefix}/lib
PC_INCDIR := $${prefix}/include
else
PC_PREFIX := $(PREFIX)
PC_LIBDIR := $(libdir)
PC_INCDIR := $(includedir)
endif

INST_HEADERS  := $(wildcard include/campaign/*.h)
INST_SCHEMAS  := $(wildcard schemas/*.json schemas/*.tsv)
INST_EXAMPLES := $(wildcard examples/*.json)
INST_INVALID  := $(wildcard examples/invalid/*.json)

# Everything install writes, for uninstall (paths below DESTDIR).
INSTALLED := $(TOOLS:$(BIN)/%=$(bindir)/%) \
             $(MAN_PAGES:$(BUILD)/man/%=$(man1dir)/%) \
             $(INST_HEADERS:include/%=$(includedir)/%) \
             $(libdir)/libcampaign.a $(pkgconfigdir)/campaign-contract.pc \
             $(INST_SCHEMAS:%=$(pkgdatadir)/%) $(INST_EXAMPLES:%=$(pkgdatadir)/%) \
             $(INST_INVALID:%=$(pkgdatadir)/%) \
             $(pkgdatadir)/fixtures.json $(pkgdatadir)/docs/contract.md
# The directories that are the project's own, removed when empty.
OWN_DIRS := $(pkgdatadir)/examples/invalid $(pkgdatadir)/examples $(pkgdatadir)/schemas \
            $(pkgdatadir)/docs $(pkgdatadir) $(includedir)/campaign

install: $(TOOLS) $(MAN_PAGES) $(LIB)
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(man1dir) $(DESTDIR)$(includedir)/campaign \
		$(DESTDIR)$(libdir) $(DESTDIR)$(pkgconfigdir) $(DESTDIR)$(pkgdatadir)/schemas \
		$(DESTDIR)$(pkgdatadir)/examples/invalid $(DESTDIR)$(pkgdatadir)/docs
	$(INSTALL) -m 755 $(TOOLS) $(DESTDIR)$(bindir)
	$(INSTALL) -m 644 $(MAN_PAGES) $(DESTDIR)$(man1dir)
	$(INSTALL) -m 644 $(INST_HEADERS) $(DESTDIR)$(includedir)/campaign
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(libdir)
	$(INSTALL) -m 644 $(INST_SCHEMAS) $(DESTDIR)$(pkgdatadir)/schemas
	$(INSTALL) -m 644 $(INST_EXAMPLES) $(DESTDIR)$(pkgdatadir)/examples
	$(INSTALL) -m 644 $(INST_INVALID) $(DESTDIR)$(pkgdatadir)/examples/invalid
	$(INSTALL) -m 644 tools/mock/fixtures.json $(DESTDIR)$(pkgdatadir)/fixtures.json
	$(INSTALL) -m 644 docs/contract.md $(DESTDIR)$(pkgdatadir)/docs/contract.md
	sed -e 's|@prefix@|$(PC_PREFIX)|' -e 's|@libdir@|$(PC_LIBDIR)|' -e 's|@includedir@|$(PC_INCDIR)|' \
		-e 's|@version@|$(VERSION)|' lib/campaign-contract.pc.in >$(DESTDIR)$(pkgconfigdir)/campaign-contract.pc
	chmod 644 $(DESTDIR)$(pkgconfigdir)/campaign-contract.pc

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	@for d in $(addprefix $(DESTDIR),$(OWN_DIRS)); do rmdir "$$d" 2>/dev/null || true; done
