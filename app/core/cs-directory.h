/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-directory.h: master data in the draft store: the party directory and the product catalogue
 *
 * Clerks type the same consignee and the same thirty products week after week; these tables keep
 * them once (tables directory_parties and directory_products, store schema step v3 -> v4 in
 * cs-store-schema.c).
 *
 * Parties: one entry is a whole CsParty (every field a party of any of the five roles has: name,
 * Latin name, address, city, postcode, country, tax id, contact, phone, e-mail). Filling a draft's
 * party group from an entry copies the fields (cs_directory_fill_party()): the draft keeps its own
 * copy, so editing the directory never changes a filed draft; "refresh from the directory" is the
 * same call again. Tax ids are not unique in the table: two entries with one tax id are allowed
 * and reported (cs_directory_party_tax_id_clashes(), cs_directory_tax_id_duplicates()), never
 * merged silently, since only the clerk knows which one is right. Chinese tax ids are checked as
 * USCIs (cs_directory_check_tax_id()).
 *
 * Products: a code (unique, case ignored), a description in English and Chinese, and a template
 * item (CsItem) holding the rest per ONE unit: HS code, unit, net and gross kg, volume m³, value
 * (in the product's currency), package type, origin, category and the category block defaults
 * (vehicle make, model, model year, powertrain, battery kWh, condition; electronics battery,
 * chemistry, Wh; machinery dual use and licence; perishable product, temperatures, shelf life,
 * ethylene) and DG data. cs_directory_fill_item() turns a product × quantity into a cargo line.
 *
 * Search (for completion in party groups and cargo lines, and the Directory and Products views):
 * case-insensitive, on a part of the name or Latin name or the start of the tax id; on the start
 * of the product code, a part of either description, or the start of the HS code. Results are
 * ordered best first (exact tax id or code, then prefix matches, then the rest, by name).
 *
 * Import and export (cs_directory_import_*, and cs_directory_export_* in app/export): CSV (UTF-8 with a byte-order
 * mark, so that Excel shows Chinese) or xlsx, chosen by the file's extension; one column per field
 * with a bilingual header ("Tax ID / 统一社会信用代码"); on import a header may be the field key
 * ("tax_id"), the English or the Chinese label or both. Import is all or nothing: every bad row is
 * reported as CsImportProblem ("file:row: column: what") and nothing is written; a good file is
 * written in one transaction. Products replace the entry with the same code; parties are added
 * (a row with an "id" column replaces that entry).
 *
 * Use from one thread at a time, like the CsStore it works on; no GTK.
 */
#pragma once

#include "cs-import-csv.h"
#include "cs-model.h"
#include "cs-store.h"

G_BEGIN_DECLS

#define CS_DIRECTORY_ERROR (cs_directory_error_quark ())

typedef enum
{
  CS_DIRECTORY_ERROR_INVALID,     /* an entry without a name (party) or code (product), bad tax id */
  CS_DIRECTORY_ERROR_NOT_FOUND,   /* no entry with that id or code */
  CS_DIRECTORY_ERROR_DUPLICATE,   /* a product code already used by another entry */
  CS_DIRECTORY_ERROR_FORMAT,      /* a file that is neither .csv nor .xlsx, or a header we don't know */
} CsDirectoryError;

typedef enum
{
  CS_DIRECTORY_PARTIES,
  CS_DIRECTORY_PRODUCTS,
} CsDirectoryKind;

GQuark cs_directory_error_quark (void);

/* ---- parties ----------------------------------------------------------------------------- */

typedef struct
{
  gint64   id;        /* 0 until stored */
  CsParty *party;     /* every field; owned */
  gint64   updated;   /* Unix time of the last change */
} CsDirectoryParty;

CsDirectoryParty *cs_directory_party_new        (CsParty           *party);   /* copies @party */
void              cs_directory_party_free       (CsDirectoryParty  *entry);

/* NULL when @tax_id is acceptable for @country (ISO 3166 alpha-2; NULL or "" = unknown);
 * otherwise a translated reason. CN: an 18-character USCI with the GB 32100-2015 check
 * character (cs_usci_valid()). Other countries: not checked beyond "no spaces inside". */
char             *cs_directory_check_tax_id     (const char        *country,
                                                 const char        *tax_id);

/* Adds @party (it needs a name or a Latin name; a bad tax id is refused with the reason);
 * returns the new id, 0 with @error set. */
gint64            cs_directory_add_party        (CsStore           *store,
                                                 CsParty           *party,
                                                 GError           **error);
gboolean          cs_directory_update_party     (CsStore           *store,
                                                 gint64             id,
                                                 CsParty           *party,
                                                 GError           **error);
gboolean          cs_directory_delete_party     (CsStore           *store,
                                                 gint64             id,
                                                 GError           **error);
CsDirectoryParty *cs_directory_get_party        (CsStore           *store,
                                                 gint64             id,
                                                 GError           **error);
/* Entries matching @text (NULL or "": all), best first, at most @limit (0: no limit):
 * GPtrArray of CsDirectoryParty. */
GPtrArray        *cs_directory_search_parties   (CsStore           *store,
                                                 const char        *text,
                                                 guint              limit,
                                                 GError           **error);
/* Other entries (not @except_id) with the tax id @tax_id (case ignored): GPtrArray of
 * CsDirectoryParty, empty when none; for "this tax id is also in the directory as …". */
GPtrArray        *cs_directory_party_tax_id_clashes (CsStore       *store,
                                                     const char    *tax_id,
                                                     gint64         except_id,
                                                     GError       **error);
/* "This tax id is also in the directory as “A”, “B”." for @clashes (CsDirectoryParty, not empty),
 * translated. */
char             *cs_directory_clash_text       (GPtrArray         *clashes);
/* Every tax id that more than one entry has, sorted. */
GStrv             cs_directory_tax_id_duplicates (CsStore          *store,
                                                  GError          **error);
/* Copies every field of @entry into @party with the notifying setters (a live manifest hears it;
 * one change per field that differs). Fields the entry lacks are cleared: the group becomes the
 * entry. */
void              cs_directory_fill_party       (CsParty           *party,
                                                 CsParty           *entry);

/* ---- products ---------------------------------------------------------------------------- */

typedef struct
{
  gint64   id;                 /* 0 until stored */
  char    *code;               /* required; unique, case ignored */
  char    *description;        /* English */
  char    *description_zh;     /* Chinese */
  char    *currency;           /* ISO 4217 of the item's value per unit; NULL = the draft's */
  double   units_per_package;  /* NAN = not set */
  CsItem  *item;               /* per ONE unit: see the header comment; owned, never NULL */
  gint64   updated;
} CsProduct;

CsProduct        *cs_product_new                (void);
CsProduct        *cs_product_copy               (const CsProduct   *product);
void              cs_product_free               (CsProduct         *product);

/* Stores @product (a new code) and sets its id; FALSE with CS_DIRECTORY_ERROR_DUPLICATE when
 * another entry has the code. */
gboolean          cs_directory_add_product      (CsStore           *store,
                                                 CsProduct         *product,
                                                 GError           **error);
/* Replaces entry @product->id (the code may change, to one no other entry has). */
gboolean          cs_directory_update_product   (CsStore           *store,
                                                 CsProduct         *product,
                                                 GError           **error);
gboolean          cs_directory_delete_product   (CsStore           *store,
                                                 gint64             id,
                                                 GError           **error);
/* By code, case ignored; NULL with CS_DIRECTORY_ERROR_NOT_FOUND. */
CsProduct        *cs_directory_get_product      (CsStore           *store,
                                                 const char        *code,
                                                 GError           **error);
/* GPtrArray of CsProduct, best first, at most @limit (0: no limit). */
GPtrArray        *cs_directory_search_products  (CsStore           *store,
                                                 const char        *text,
                                                 guint              limit,
                                                 GError           **error);
/* Fills cargo line @item from @product × @quantity with the notifying setters: the description
 * (English, or Chinese when there is no English) when the line has none, the HS code, unit,
 * category, origin, package type and the category and DG blocks where the line has none; and
 * quantity × the per-unit net kg, gross kg, volume and value, and the packages (quantity ÷ units
 * per package, rounded up), each only when the line's field is not set (what the user typed
 * wins). @quantity NAN: the line's own quantity (nothing is multiplied when it has none). */
void              cs_directory_fill_item        (CsItem            *item,
                                                 const CsProduct   *product,
                                                 double             quantity);

/* ---- files ------------------------------------------------------------------------------- */

/* The whole directory (parties or products) as a table of text: one column per field with its
 * bilingual header, the columns an import reads back. cs-export-directory.h writes it to .csv or
 * .xlsx. A cell is NULL when empty; @number_out gets the number a numeric cell holds (NAN
 * otherwise), for spreadsheets. */
typedef struct _CsDirectoryTable CsDirectoryTable;

CsDirectoryTable *cs_directory_table_read       (CsStore           *store,
                                                 CsDirectoryKind    kind,
                                                 GError           **error);
void              cs_directory_table_free       (CsDirectoryTable  *table);
CsDirectoryKind   cs_directory_table_get_kind   (const CsDirectoryTable *table);
guint             cs_directory_table_get_n_columns (const CsDirectoryTable *table);
guint             cs_directory_table_get_n_rows (const CsDirectoryTable *table);
char             *cs_directory_table_get_header (const CsDirectoryTable *table,
                                                 guint              column);
char             *cs_directory_table_get_cell   (const CsDirectoryTable *table,
                                                 guint              row,
                                                 guint              column,
                                                 double            *number_out);
/* Reads @path (.csv decoded as @encoding, or .xlsx), checks every row and writes all of them in
 * one transaction, or none: then CS_IMPORT_ERROR_ROWS with every bad row in @problems.
 * @n_out (may be NULL) gets the number of entries written. */
gboolean          cs_directory_import_parties   (CsStore           *store,
                                                 const char        *path,
                                                 CsImportEncoding   encoding,
                                                 guint             *n_out,
                                                 GPtrArray        **problems,
                                                 GError           **error);
gboolean          cs_directory_import_products  (CsStore           *store,
                                                 const char        *path,
                                                 CsImportEncoding   encoding,
                                                 guint             *n_out,
                                                 GPtrArray        **problems,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDirectoryParty, cs_directory_party_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsProduct, cs_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDirectoryTable, cs_directory_table_free)

G_END_DECLS
