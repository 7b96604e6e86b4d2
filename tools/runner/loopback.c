/* loopback.c - the --live check's idea of a loopback host (loopback.h). */
#include "loopback.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

static int v4_loopback(const struct in_addr *a)
{
    return (ntohl(a->s_addr) >> 24) == 127;
}

static int v6_loopback(const struct in6_addr *a)
{
    return IN6_IS_ADDR_LOOPBACK(a);
}

/* "localhost" resolves, and only to loopback addresses. */
static int localhost_loopback(const char *host)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res) return 0;
    int ok = 1;
    for (const struct addrinfo *ai = res; ai && ok; ai = ai->ai_next) {
        if (ai->ai_family == AF_INET)
            ok = v4_loopback(&((const struct sockaddr_in *)(const void *)ai->ai_addr)->sin_addr);
        else if (ai->ai_family == AF_INET6)
            ok = v6_loopback(&((const struct sockaddr_in6 *)(const void *)ai->ai_addr)->sin6_addr);
        else
            ok = 0;
    }
    freeaddrinfo(res);
    return ok;
}

int ct_host_is_loopback(const char *host)
{
    if (!host || !*host) return 0;
    char buf[64];
    size_t len = strlen(host);
    if (host[0] == '[') {
        /* a bracketed IPv6 literal, as in a URL */
        if (len < 3 || host[len - 1] != ']' || len - 2 >= sizeof buf) return 0;
        memcpy(buf, host + 1, len - 2);
        buf[len - 2] = '\0';
        struct in6_addr a6;
        return inet_pton(AF_INET6, buf, &a6) == 1 && v6_loopback(&a6);
    }
    struct in_addr a4;
    if (inet_pton(AF_INET, host, &a4) == 1) return v4_loopback(&a4);
    struct in6_addr a6;
    if (inet_pton(AF_INET6, host, &a6) == 1) return v6_loopback(&a6);
    if (strcasecmp(host, "localhost") == 0 || strcasecmp(host, "localhost.") == 0)
        return localhost_loopback(host);
    return 0;
}
