/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-text.h: a translatable sentence kept as its message id and arguments, written out when read
 *
 * A validation run over a large manifest makes tens of thousands of findings, and most of their
 * texts are never read: the Review page sums identical findings up, the CLI prints a summary and a
 * rule turned off drops its findings. A CsText therefore keeps what a finding's sentence needs,
 * the untranslated printf-style message id (a string literal, marked for xgettext by CS_TEXT) and
 * a copy of each argument, and formats the translation the first time someone reads it, in the
 * language of that moment. Translations may reorder arguments with "%2$s".
 *
 * Conversions understood: %d %i %u %x %X %c %s %f %F %e %E %g %G with flags, a field width written
 * as digits, a precision written as digits or "*" (an int argument before the value; a
 * translation keeps the "*" where the message id has it), the length modifiers l, ll and z, and %%.
 *
 * A text is immutable once made; cs_text_get () may be called from any thread (the first reader
 * formats, others may format too, one result is kept).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CsText CsText;

/* @msgid: an untranslated printf format that lives for the whole program (a string literal),
 * followed by its arguments; %s arguments are copied. NULL @msgid is not allowed. */
CsText     *cs_text_new         (const char   *msgid,
                                 ...) G_GNUC_PRINTF (1, 2);
/* The same for a message with a plural form: @n chooses the form (ngettext). The arguments are
 * those of @msgid_plural. */
CsText     *cs_text_new_plural  (const char   *msgid,
                                 const char   *msgid_plural,
                                 gulong        n,
                                 ...) G_GNUC_PRINTF (2, 4);
/* A text that is already what it says (already translated, or not language at all); copied. */
CsText     *cs_text_new_literal (const char   *text);
void        cs_text_free        (CsText       *self);

/* The translated, formatted text; owned by @self, valid while @self lives. Never NULL. */
const char *cs_text_get         (const CsText *self);
/* The message id ("" for a literal text). */
const char *cs_text_get_msgid   (const CsText *self);

/* Same message id and same arguments (or, for literals, the same text): then both read the same. */
gboolean    cs_text_equal       (const CsText *a,
                                 const CsText *b);
guint       cs_text_hash        (const CsText *self);

/* Marks a message id for xgettext (keyword CS_TEXT, c-format) and makes the text. */
#define CS_TEXT(msgid, ...) cs_text_new (msgid, ##__VA_ARGS__)
/* Marks a singular and plural message id (keyword CS_TEXT_PLURAL:1,2). */
#define CS_TEXT_PLURAL(msgid, msgid_plural, n, ...) \
  cs_text_new_plural (msgid, msgid_plural, n, ##__VA_ARGS__)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsText, cs_text_free)

G_END_DECLS
