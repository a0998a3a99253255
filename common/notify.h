/* Service manager notifications (sd_notify's protocol, written here: one
 * datagram to $NOTIFY_SOCKET; no libsystemd). Nothing is sent when
 * NOTIFY_SOCKET is unset, so the calls cost nothing outside systemd. */
#ifndef LAPAK_NOTIFY_H
#define LAPAK_NOTIFY_H
#include <stdbool.h>

/* True when $NOTIFY_SOCKET names a socket: a path ("/run/...") or an
 * abstract name ("@..."). */
bool	notify_enabled(void);
/* Sends msg ("READY=1\nSTATUS=...") as one datagram. Returns 0 when sent
 * or when notifications are off, -1 (errno set) when the send failed. */
int	notify_send(const char *msg);
/* printf-style notify_send; the text is cut at 1 KB. */
int	notify_sendf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* READY=1 or RELOADING=1 with MONOTONIC_USEC= (what Type=notify-reload of
 * newer systemd asks for; older ones ignore it). */
int	notify_reloading(void);

#endif
