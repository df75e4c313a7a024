/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-import-dialog.h: importing cargo lines or a VIN list from a CSV file or an Excel workbook
 *
 * A modal window: the file (GtkFileChooserNative), what its rows are (cargo lines, or the VINs of
 * one vehicle line), the sheet of a workbook, the encoding of a CSV file that is not UTF-8 (each
 * choice shown with how the file's first non-ASCII line reads in it), one row per column of the
 * file with the field it fills (guessed from the heading in English or Chinese by
 * cs_import_field_for_header (), or "Ignore"), a preview of the first rows as they will be
 * imported (or, when rows are bad, as they are in the file, each with its row number) and the
 * report of every bad row ("row 7, column Gross kg: …"), VINs the draft holds already included
 * (cs_import_dialog_set_draft ()).
 *
 * Every change runs a dry run: the file is read once, the table (cs-table-import.h) is kept, and
 * mapping it into items or VINs is done again, all on a worker thread that sees only plain job
 * data (never a widget); one run at a time, a change during a run runs again after it; closing
 * the window cancels. "Import" is sensitive only when the last dry run found no problem; it emits
 * ::import with what that run built and closes the window: the caller adds it in one change.
 */
#pragma once

#include <adwaita.h>

#include "cs-table-import.h"

G_BEGIN_DECLS

#define CS_TYPE_IMPORT_DIALOG (cs_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CsImportDialog, cs_import_dialog, CS, IMPORT_DIALOG, AdwWindow)

/* @vehicle_line: how to name the vehicle line a VIN list would go to ("line 3, Sedans"), or NULL
 * when there is none (then only cargo lines are offered). */
CsImportDialog *cs_import_dialog_new              (GtkWindow      *parent,
                                                   const char     *vehicle_line);
/* The draft the rows go to (NULL: none): a row bringing a VIN it already holds is a problem on
 * that row ("row 4, column VIN: VIN … is already on line 2 of REF"). Takes a copy of its VINs:
 * call it again after the draft changed. */
void            cs_import_dialog_set_draft        (CsImportDialog *self,
                                                   CsManifest     *draft);
/* Shows the file chooser (as the Choose button does). */
void            cs_import_dialog_choose_file      (CsImportDialog *self);
/* Reads @file (what choosing it does). */
void            cs_import_dialog_set_file         (CsImportDialog *self,
                                                   GFile          *file);
void            cs_import_dialog_set_kind         (CsImportDialog *self,
                                                   CsTableKind     kind);
CsTableKind     cs_import_dialog_get_kind         (CsImportDialog *self);

/* For tests (and what the rows show). TRUE while a read or a dry run is running or due. */
gboolean        cs_import_dialog_is_busy          (CsImportDialog *self);
/* The workbook's sheets (NULL for CSV); the sheet shown. */
GStrv           cs_import_dialog_dup_sheets       (CsImportDialog *self);
void            cs_import_dialog_set_sheet        (CsImportDialog *self,
                                                   const char     *sheet);
/* The encoding a non-UTF-8 CSV file is read with; FALSE when the file needed no choice. */
gboolean        cs_import_dialog_get_encoding     (CsImportDialog   *self,
                                                   CsImportEncoding *encoding_out);
void            cs_import_dialog_set_encoding     (CsImportDialog   *self,
                                                   CsImportEncoding  encoding);
/* The file's column headings (NULL before the file is read). */
GStrv           cs_import_dialog_dup_headers      (CsImportDialog *self);
/* The field @column (0-based) fills: a CsImportField, or -1 (Ignore). */
int             cs_import_dialog_get_column_field (CsImportDialog *self,
                                                   guint           column);
void            cs_import_dialog_set_column_field (CsImportDialog *self,
                                                   guint           column,
                                                   int             field);
/* The last dry run: the report's lines ("row 3, column Quantity: …"), the whole-file error (or
 * NULL) and the number of good rows (0 unless every row is good). */
GStrv           cs_import_dialog_dup_report       (CsImportDialog *self);
const char     *cs_import_dialog_get_error        (CsImportDialog *self);
guint           cs_import_dialog_get_n_good       (CsImportDialog *self);
/* The preview's cells, row by row (the first row holds the headings), tab separated. */
GStrv           cs_import_dialog_dup_preview      (CsImportDialog *self);
/* Presses Import: FALSE (and nothing happens) when it is not sensitive. */
gboolean        cs_import_dialog_import           (CsImportDialog *self);

G_END_DECLS
