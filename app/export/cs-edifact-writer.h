/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-edifact-writer.h: a UN/EDIFACT (syntax version 3, UNOC) segment writer driven by a directory
 *
 * Build one segment at a time: cs_edi_begin (tag), then its elements in order with cs_edi_el*
 * (the first component of the next element) and cs_edi_comp* (the next component of the same
 * element), then cs_edi_end. NULL or "" leaves a place empty; trailing empty elements and
 * components are dropped when the segment is written, as ISO 9735 asks.
 *
 * Every value is converted to ISO 8859-1 (what UNOC means), with typographic punctuation and
 * accented letters outside Latin-1 transliterated, and checked against the directory's format
 * for its position (an..35, n3, ...) before anything is written; mandatory elements and the
 * mandatory components of present composites are checked at cs_edi_end. The first problem stops
 * the writer with a GError naming the segment, the element, the value and, when given, the
 * manifest field (its JSON path); later calls do nothing. Separators and the release character
 * in data are escaped with '?'.
 */
#pragma once

#include "cs-edifact-tables.h"

G_BEGIN_DECLS

typedef struct _CsEdiWriter CsEdiWriter;

/* Opens @path for writing. */
CsEdiWriter *cs_edi_writer_new       (const CsEdiDirectory *directory,
                                      const char           *path,
                                      GError              **error);
/* Flushes and closes; FALSE with the writer's first error (or an I/O error). Frees @self. */
gboolean     cs_edi_writer_finish    (CsEdiWriter          *self,
                                      GError              **error);

/* FALSE once something went wrong (the error is reported by cs_edi_writer_finish). */
gboolean     cs_edi_ok               (CsEdiWriter          *self);
/* Stops the writer with @error (taken), e.g. for a refusal decided by the caller. */
void         cs_edi_fail             (CsEdiWriter          *self,
                                      GError               *error);

/* Field names given to the calls below are relative to @prefix (e.g. "items[12]"), so that
 * messages can name the place ("items[12].description"); "" or NULL for none. A field of ""
 * names the context itself. */
void         cs_edi_context          (CsEdiWriter          *self,
                                      const char           *prefix);

/* The service string advice, UNA:+.? ' */
void         cs_edi_una              (CsEdiWriter          *self);

void         cs_edi_begin            (CsEdiWriter          *self,
                                      const char           *tag);
void         cs_edi_el               (CsEdiWriter          *self,
                                      const char           *value,
                                      const char           *field);
void         cs_edi_comp             (CsEdiWriter          *self,
                                      const char           *value,
                                      const char           *field);
/* The same with text already in ISO 8859-1 (from cs_edi_to_latin1), @length bytes. */
void         cs_edi_el_latin1        (CsEdiWriter          *self,
                                      const char           *value,
                                      gsize                 length,
                                      const char           *field);
void         cs_edi_comp_latin1      (CsEdiWriter          *self,
                                      const char           *value,
                                      gsize                 length,
                                      const char           *field);
/* Numbers, formatted for the position: shortest exact decimal, zero-padded for fixed n formats
 * (n3: -18 -> -018). NAN leaves the place empty. */
void         cs_edi_el_num           (CsEdiWriter          *self,
                                      double                value,
                                      const char           *field);
void         cs_edi_comp_num         (CsEdiWriter          *self,
                                      double                value,
                                      const char           *field);
gboolean     cs_edi_end              (CsEdiWriter          *self);

/* Segments written since the last UNH, UNH included. */
guint        cs_edi_message_segments (CsEdiWriter          *self);

/* Text conversion used by the writer: UTF-8 -> ISO 8859-1 with transliteration; tab, CR and LF
 * become spaces. On failure returns FALSE and sets @bad to the first character that has no
 * Latin-1 form. The result is in @out (appended). */
gboolean     cs_edi_to_latin1        (const char           *utf8,
                                      GString              *out,
                                      gunichar             *bad);

G_END_DECLS
