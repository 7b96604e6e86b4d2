/* ref_mock.h - the reference server of differential mode, started by the
 * runner: the bundled campaign-mock, on a free loopback port.
 *
 * The mock is the campaign-mock beside the runner's own executable (the
 * two are built and installed together), run as
 *   campaign-mock --host 127.0.0.1 --port 0 --quiet [--fixtures FILE]
 * with the run's token in its environment ($CAMPAIGN_MOCK_TOKEN), never
 * on its command line, where other users could read it.  Its first line
 * on stdout names the port; its stderr goes to the runner's.
 *
 * Ownership: ref_mock_start returns a handle the caller stops with
 * ref_mock_stop (SIGTERM, then the exit is awaited: at most 5 s, then
 * SIGKILL). */
#ifndef REF_MOCK_H
#define REF_MOCK_H

#include <stddef.h>

typedef struct ref_mock ref_mock;

/* Start the mock; fixtures may be NULL (the mock's default), token may be
 * NULL or "" (the mock then takes its own default, and requests carry no
 * token: the reference answers 401 as the server under test would).
 * NULL with a message in err when it cannot be found, started, or did not
 * say where it listens within 10 s. */
ref_mock *ref_mock_start(const char *fixtures, const char *token, char *err, size_t errlen);

/* The API root of the running mock ("http://127.0.0.1:PORT/api/v2/buyer"). */
const char *ref_mock_url(const ref_mock *m);

/* Stop it and release the handle (NULL ok). */
void ref_mock_stop(ref_mock *m);

#endif
