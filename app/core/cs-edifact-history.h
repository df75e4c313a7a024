/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-edifact-history.h: what the store remembers of the EDIFACT (CUSCAR) messages sent
 *
 * A customs or carrier gateway takes the first message about a manifest as an original
 * (BGM 1225 = 9); a corrected resend must be a replacement (5), and a withdrawal a cancellation
 * (1), or the gateway sees a duplicate. The store's `exports` audit records, for each EDIFACT
 * export, the recipient, the message function and the interchange reference sent; the next
 * message function follows from that history, per draft and recipient.
 *
 * Interchange references (UNB 0020) must be unique per sender, also when several installations
 * send as the same sender: each installation draws a random 4-character id once (kept in the
 * store) and puts it before the store's increasing counter.
 */
#pragma once

#include "cs-store.h"

G_BEGIN_DECLS

/* BGM 1225 message function codes (UNCL 1225). */
#define CS_EDIFACT_ORIGINAL     "9"
#define CS_EDIFACT_REPLACEMENT  "5"
#define CS_EDIFACT_CANCELLATION "1"

/* This installation's id: 4 characters from 0-9 A-Z, drawn at random on first use and kept in
 * @store. NULL with @error when the store cannot be read or written. */
char        *cs_edifact_installation_id  (CsStore     *store,
                                          GError     **error);
/* UNB 0020 (an..14): @installation (4 characters) and @counter as 10 digits, or the counter alone
 * as 9 digits when @installation is NULL. */
char        *cs_edifact_interchange_ref  (const char  *installation,
                                          gint64       counter);
/* The message function of the next CUSCAR of the draft @id_or_reference to @recipient: original
 * when none was sent to that recipient or the last one sent was a cancellation, replacement
 * otherwise. With @cancel: cancellation, or CS_STORE_ERROR_INVALID when there is nothing to
 * cancel (nothing sent, or already cancelled). Returns a static string, NULL on error. */
const char  *cs_edifact_message_function (CsStore     *store,
                                          const char  *id_or_reference,
                                          const char  *recipient,
                                          gboolean     cancel,
                                          GError     **error);
/* Notes on the exports row @export_id (from cs_store_record_export) what was sent. */
gboolean     cs_edifact_record_sent      (CsStore     *store,
                                          gint64       export_id,
                                          const char  *recipient,
                                          const char  *message_function,
                                          const char  *interchange,
                                          GError     **error);

/* One EDIFACT message of a draft's history, newest first (cs_edifact_list_sent). */
typedef struct
{
  gint64  export_id;
  gint64  time;               /* µs since the epoch */
  gint64  revision;
  char   *recipient;
  char   *message_function;   /* "9", "5" or "1" */
  char   *interchange;
  char   *path;
} CsEdifactSent;

void         cs_edifact_sent_free        (CsEdifactSent *sent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsEdifactSent, cs_edifact_sent_free)

/* The EDIFACT messages sent for the draft @id_or_reference (CsEdifactSent, newest first). */
GPtrArray   *cs_edifact_list_sent        (CsStore     *store,
                                          const char  *id_or_reference,
                                          GError     **error);
/* "original", "replacement", "cancellation" (translated) for a message function code. */
const char  *cs_edifact_function_label   (const char  *message_function);

G_END_DECLS
