/* loopback.h - does a --base-url host name a loopback address?
 *
 * campaign-test refuses a base URL whose host is not loopback unless
 * --live is given.  A host is loopback when it is
 *   - an IPv4 literal in dotted-decimal form (four decimal parts, as
 *     inet_pton(3) reads them) in 127.0.0.0/8;
 *   - the IPv6 loopback address, "::1" or "[::1]" (any spelling of it:
 *     "0:0:0:0:0:0:0:1");
 *   - "localhost" (any case, an optional trailing dot) when it resolves,
 *     and resolves only, to loopback addresses.
 * Anything else is not: a DNS name that merely starts with "127." (e.g.
 * "127.0.0.1.example.com"), other IPv4 spellings ("0x7f.0.0.1", "127.1",
 * "017700000001": the resolver may read them as 127.0.0.1, but a name
 * that needs such reading is not taken on trust), and IPv4-mapped IPv6
 * ("::ffff:127.0.0.1": whether it reaches loopback depends on the host's
 * IPv6 stack).  Only "localhost" is ever resolved. */
#ifndef LOOPBACK_H
#define LOOPBACK_H

/* 1 when host is a loopback host as above, else 0. */
int ct_host_is_loopback(const char *host);

#endif
