/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-directory.c: the party directory and the product catalogue in the draft store */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-checkdigit.h"
#include "cs-directory.h"
#include "cs-json.h"
#include "cs-store-private.h"
#include "cs-table-import.h"
#include "cs-xlsx-read.h"

G_DEFINE_QUARK (cs-directory-error-quark, cs_directory_error)

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- entries ------------------------------------------------------------------------------- */

CsDirectoryParty *
cs_directory_party_new (CsParty *party)
{
  CsDirectoryParty *e = g_new0 (CsDirectoryParty, 1);

  e->party = party ? CS_PARTY (cs_record_copy (CS_RECORD (party))) : cs_party_new ();
  return e;
}

void
cs_directory_party_free (CsDirectoryParty *entry)
{
  if (entry == NULL)
    return;
  g_clear_object (&entry->party);
  g_free (entry);
}

CsProduct *
cs_product_new (void)
{
  CsProduct *p = g_new0 (CsProduct, 1);

  p->units_per_package = NAN;
  p->item = cs_item_new ();
  return p;
}

CsProduct *
cs_product_copy (const CsProduct *product)
{
  CsProduct *p;

  g_return_val_if_fail (product != NULL, NULL);
  p = g_new0 (CsProduct, 1);
  p->id = product->id;
  p->code = g_strdup (product->code);
  p->description = g_strdup (product->description);
  p->description_zh = g_strdup (product->description_zh);
  p->currency = g_strdup (product->currency);
  p->units_per_package = product->units_per_package;
  p->item = CS_ITEM (cs_record_copy (CS_RECORD (product->item)));
  p->updated = product->updated;
  return p;
}

void
cs_product_free (CsProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->code);
  g_free (product->description);
  g_free (product->description_zh);
  g_free (product->currency);
  g_clear_object (&product->item);
  g_free (product);
}

char *
cs_directory_check_tax_id (const char *country,
                           const char *tax_id)
{
  if (tax_id == NULL || *tax_id == '\0')
    return NULL;
  if (country != NULL && g_ascii_strcasecmp (country, "CN") == 0)
    {
      g_autofree char *up = g_ascii_strup (tax_id, -1);   /* typed in lower case: still the code */
      /* characters, not bytes: an 18-character id with a full-width digit is the wrong
       * characters, not the wrong length */
      glong n_chars = g_utf8_validate (tax_id, -1, NULL) ? g_utf8_strlen (tax_id, -1)
                                                         : (glong) strlen (tax_id);

      if (n_chars != 18)
        return g_strdup_printf (_("“%s” is not a unified social credit code: it has %u characters, "
                                  "not 18"), tax_id, (guint) n_chars);
      /* 18 characters in more than 18 bytes: one of them is no code character */
      if (strlen (tax_id) != 18 || !cs_usci_valid (up))
        {
          char check = strlen (tax_id) == 18 ? cs_usci_check_char (up) : 0;

          if (check == 0)
            return g_strdup_printf (_("“%s” is not a unified social credit code: it has characters "
                                      "outside digits and the letters used (no I, O, S, V, Z)"),
                                    tax_id);
          return g_strdup_printf (_("“%s” is not a unified social credit code: its check character "
                                    "should be %c (GB 32100-2015)"), tax_id, check);
        }
      return NULL;
    }
  for (const char *p = tax_id; *p; p++)
    if (g_ascii_isspace (*p) && p[1] != '\0' && p != tax_id)
      return g_strdup_printf (_("“%s” has a space inside; write the tax id without spaces"), tax_id);
  return NULL;
}

/* ---- SQL helpers --------------------------------------------------------------------------- */

/* "No entry N": the id goes in as text (a G_GINT64_FORMAT inside a msgid cannot be translated). */
static void
set_not_found (GError  **error,
               gboolean  product,
               gint64    id)
{
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (product)
    g_set_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_NOT_FOUND, _("no product entry %s"), n);
  else
    g_set_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_NOT_FOUND, _("no directory entry %s"), n);
}

static CsDbStmt *
prepare (CsStore     *store,
         const char  *sql,
         GError     **error)
{
  return _cs_store_prepare (store, sql, error);
}

static gboolean
step_done (CsStore       *store,
           CsDbStmt      *stmt,
           const char    *what,
           GError       **error)
{
  CsDbRc rc = cs_db_step (stmt);

  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (store, error, rc, what);
  return TRUE;
}

static void
bind_text (CsDbStmt   *stmt,
           int         i,
           const char *text)
{
  if (text != NULL)
    cs_db_bind_text_take (stmt, i, g_strdup (text));
  else
    cs_db_bind_null (stmt, i);
}

static void
bind_number (CsDbStmt *stmt,
             int           i,
             double        v)
{
  if (cs_num_is_set (v))
    cs_db_bind_double (stmt, i, v);
  else
    cs_db_bind_null (stmt, i);
}

static char *
record_json (CsRecord *record)
{
  GString *s = g_string_new (NULL);

  cs_json_append_record (s, record, 0);
  return g_string_free (s, FALSE);
}

/* LIKE patterns: %text% and text%, with the wildcards in @text escaped by '\'. */
static void
like_patterns (const char *text,
               char      **contains,
               char      **starts)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  *contains = g_strdup_printf ("%%%s%%", s->str);
  *starts = g_strdup_printf ("%s%%", s->str);
  g_string_free (s, TRUE);
}

/* A search statement: ?1 the text, ?2 "%text%", ?3 "text%" (wildcards escaped), ?4 the limit. */
static CsDbStmt *
prepare_search (CsStore     *store,
                const char  *sql,
                const char  *text,
                guint        limit,
                GError     **error)
{
  g_autofree char *contains = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  CsDbStmt *st;

  like_patterns (t, &contains, &starts);
  if ((st = prepare (store, sql, error)) == NULL)
    return NULL;
  bind_text (st, 1, t);
  bind_text (st, 2, contains);
  bind_text (st, 3, starts);
  /* -1: no limit (SQLite's LIMIT -1; NULLIF makes it PostgreSQL's LIMIT NULL) */
  cs_db_bind_int64 (st, 4, limit > 0 ? (gint64) limit : -1);
  return st;
}

/* ---- parties ------------------------------------------------------------------------------- */

static gboolean
check_party (CsParty  *party,
             GError  **error)
{
  g_autofree char *why = NULL;

  if ((party->name == NULL || *party->name == '\0')
      && (party->name_latin == NULL || *party->name_latin == '\0'))
    {
      g_set_error_literal (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_INVALID,
                           _("a directory entry needs a name or a Latin name"));
      return FALSE;
    }
  if ((why = cs_directory_check_tax_id (party->country, party->tax_id)) != NULL)
    {
      g_set_error_literal (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_INVALID, why);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_party (CsStore  *store,
             gint64    id,
             CsParty  *party,
             gint64   *id_out,
             GError  **error)
{
  g_autoptr(CsDbStmt) st = NULL;
  g_autofree char *json = NULL;
  gint64 new_id = 0;
  CsDbRc rc;

  if (!check_party (party, error))
    return FALSE;
  json = record_json (CS_RECORD (party));
  st = prepare (store, id > 0
                ? "UPDATE directory_parties SET name = ?1, name_latin = ?2, tax_id = ?3, country = ?4,"
                  " record = ?5, updated = ?6 WHERE id = ?7"
                : "INSERT INTO directory_parties (name, name_latin, tax_id, country, record, updated)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, party->name);
  bind_text (st, 2, party->name_latin);
  bind_text (st, 3, party->tax_id);
  bind_text (st, 4, party->country);
  bind_text (st, 5, json);
  cs_db_bind_int64 (st, 6, now_s ());
  if (id > 0)
    cs_db_bind_int64 (st, 7, id);
  else if ((rc = cs_db_step (st)) == CS_DB_ROW)
    new_id = cs_db_column_int64 (st, 0);
  else
    return _cs_store_sql_error (store, error, rc, "directory_parties");
  if (!step_done (store, st, "directory_parties", error))
    return FALSE;
  if (id > 0 && cs_db_changes (store->db) == 0)
    {
      set_not_found (error, FALSE, id);
      return FALSE;
    }
  if (id_out != NULL)
    *id_out = id > 0 ? id : new_id;
  return TRUE;
}

gint64
cs_directory_add_party (CsStore  *store,
                        CsParty  *party,
                        GError  **error)
{
  gint64 id = 0;

  g_return_val_if_fail (CS_IS_STORE (store) && CS_IS_PARTY (party), 0);
  return write_party (store, 0, party, &id, error) ? id : 0;
}

gboolean
cs_directory_update_party (CsStore  *store,
                           gint64    id,
                           CsParty  *party,
                           GError  **error)
{
  g_return_val_if_fail (CS_IS_STORE (store) && CS_IS_PARTY (party) && id > 0, FALSE);
  return write_party (store, id, party, NULL, error);
}

static gboolean
delete_row (CsStore    *store,
            const char *sql,
            gint64      id,
            GError    **error)
{
  g_autoptr(CsDbStmt) st = prepare (store, sql, error);

  if (st == NULL)
    return FALSE;
  cs_db_bind_int64 (st, 1, id);
  if (!step_done (store, st, "directory", error))
    return FALSE;
  if (cs_db_changes (store->db) == 0)
    {
      set_not_found (error, strstr (sql, "directory_products") != NULL, id);
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_directory_delete_party (CsStore  *store,
                           gint64    id,
                           GError  **error)
{
  g_return_val_if_fail (CS_IS_STORE (store), FALSE);
  return delete_row (store, "DELETE FROM directory_parties WHERE id = ?1", id, error);
}

/* Reads rows of (id, record, updated) into CsDirectoryParty entries. */
static GPtrArray *
read_parties (CsStore       *store,
              CsDbStmt      *st,
              GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_directory_party_free);
  CsDbRc rc;

  while ((rc = cs_db_step (st)) == CS_DB_ROW)
    {
      gint64 id = cs_db_column_int64 (st, 0);
      g_autofree char *json = _cs_store_column_text (store, st, 1, NULL);
      g_autofree char *where = g_strdup_printf ("directory_parties[%" G_GINT64_FORMAT "]", id);
      CsRecord *rec = cs_json_record_from_data (json ? json : "{}", -1, CS_TYPE_PARTY,
                                                cs_store_get_path (store), where, error);
      CsDirectoryParty *e;

      if (rec == NULL)
        return NULL;
      e = g_new0 (CsDirectoryParty, 1);
      e->id = id;
      e->party = CS_PARTY (rec);
      e->updated = cs_db_column_int64 (st, 2);
      g_ptr_array_add (out, e);
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (store, error, rc, "directory_parties");
      return NULL;
    }
  return g_steal_pointer (&out);
}

CsDirectoryParty *
cs_directory_get_party (CsStore  *store,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(CsDbStmt) st = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  st = prepare (store, "SELECT id, record, updated FROM directory_parties WHERE id = ?1", error);
  if (st == NULL)
    return NULL;
  cs_db_bind_int64 (st, 1, id);
  if ((rows = read_parties (store, st, error)) == NULL)
    return NULL;
  if (rows->len == 0)
    {
      set_not_found (error, FALSE, id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
cs_directory_search_parties (CsStore    *store,
                             const char *text,
                             guint       limit,
                             GError    **error)
{
  g_autoptr(CsDbStmt) st = NULL;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  /* PostgreSQL: ILIKE and lower () for SQLite's case-blind LIKE and NOCASE, NULLs where
   * SQLite sorts them */
  st = prepare_search (store,
                       _cs_store_sql (store,
                       "SELECT id, record, updated FROM directory_parties"
                       " WHERE ?1 = '' OR name LIKE ?2 ESCAPE '\\' OR name_latin LIKE ?2 ESCAPE '\\'"
                       "   OR tax_id LIKE ?3 ESCAPE '\\'"
                       " ORDER BY (tax_id = ?1 COLLATE NOCASE) DESC,"
                       "   (name LIKE ?3 ESCAPE '\\' OR name_latin LIKE ?3 ESCAPE '\\') DESC,"
                       "   coalesce (name, name_latin) COLLATE NOCASE, id"
                       " LIMIT ?4",
                       "SELECT id, record, updated FROM directory_parties"
                       " WHERE CAST (?1 AS TEXT) = '' OR name ILIKE ?2 ESCAPE '\\' OR name_latin ILIKE ?2 ESCAPE '\\'"
                       "   OR tax_id ILIKE ?3 ESCAPE '\\'"
                       " ORDER BY (lower (tax_id) = lower (?1)) DESC NULLS LAST,"
                       "   (name ILIKE ?3 ESCAPE '\\' OR name_latin ILIKE ?3 ESCAPE '\\') DESC NULLS LAST,"
                       "   lower (coalesce (name, name_latin)) NULLS FIRST, id"
                       " LIMIT NULLIF (CAST (?4 AS BIGINT), -1)"), text, limit, error);
  return st ? read_parties (store, st, error) : NULL;
}

GPtrArray *
cs_directory_party_tax_id_clashes (CsStore    *store,
                                   const char *tax_id,
                                   gint64      except_id,
                                   GError    **error)
{
  g_autoptr(CsDbStmt) st = NULL;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  if (tax_id == NULL || *tax_id == '\0')
    return g_ptr_array_new_with_free_func ((GDestroyNotify) cs_directory_party_free);
  st = prepare (store, _cs_store_sql (store,
                                      "SELECT id, record, updated FROM directory_parties"
                                      " WHERE tax_id = ?1 COLLATE NOCASE AND id != ?2 ORDER BY id",
                                      "SELECT id, record, updated FROM directory_parties"
                                      " WHERE lower (tax_id) = lower (CAST (?1 AS TEXT)) AND id != ?2"
                                      " ORDER BY id"), error);
  if (st == NULL)
    return NULL;
  bind_text (st, 1, tax_id);
  cs_db_bind_int64 (st, 2, except_id);
  return read_parties (store, st, error);
}

char *
cs_directory_clash_text (GPtrArray *clashes)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (clashes != NULL, NULL);

  for (guint i = 0; i < clashes->len; i++)
    {
      if (i > 0)
        /* Translators: between names in "also in the directory as “A”, “B”" */
        g_string_append (names, _(", "));
      g_string_append_printf (names, "“%s”",
                              cs_party_display_name (((CsDirectoryParty *) clashes->pdata[i])->party));
    }
  /* Translators: %s is one or more names of directory entries, each in quotes */
  return g_strdup_printf (_("This tax id is also in the directory as %s."), names->str);
}

GStrv
cs_directory_tax_id_duplicates (CsStore  *store,
                                GError  **error)
{
  g_autoptr(CsDbStmt) st = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  st = prepare (store, "SELECT upper (tax_id) FROM directory_parties WHERE tax_id IS NOT NULL"
                       " AND tax_id != '' GROUP BY upper (tax_id) HAVING count (*) > 1 ORDER BY 1",
                error);
  if (st == NULL)
    return NULL;
  while ((rc = cs_db_step (st)) == CS_DB_ROW)
    {
      g_autofree char *t = _cs_store_column_text (store, st, 0, NULL);
      g_strv_builder_add (b, t);
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (store, error, rc, "directory_parties");
      return NULL;
    }
  return g_strv_builder_end (b);
}

void
cs_directory_fill_party (CsParty *party,
                         CsParty *entry)
{
  CsRecordClass *klass;

  g_return_if_fail (CS_IS_PARTY (party) && CS_IS_PARTY (entry));
  klass = CS_RECORD_GET_CLASS (entry);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];

      /* every party field is a string (cs-model.c); a new kind would need its setter here */
      g_return_if_fail (f->kind == CS_FIELD_STRING);
      cs_record_set_string (CS_RECORD (party), f->name, cs_field_get_string (CS_RECORD (entry), f));
    }
}

/* ---- products ------------------------------------------------------------------------------ */

static gboolean
write_product (CsStore    *store,
               CsProduct  *p,
               gboolean    update,
               GError    **error)
{
  g_autoptr(CsDbStmt) st = NULL;
  g_autofree char *json = NULL;
  gint64 new_id = 0;
  CsDbRc rc;

  if (p->code == NULL || *g_strstrip (p->code) == '\0')
    {
      g_set_error_literal (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_INVALID,
                           _("a product needs a code"));
      return FALSE;
    }
  json = record_json (CS_RECORD (p->item));
  st = prepare (store, update
                ? "UPDATE directory_products SET code = ?1, description = ?2, description_zh = ?3,"
                  " hs_code = ?4, currency = ?5, units_per_package = ?6, template = ?7, updated = ?8"
                  " WHERE id = ?9"
                : "INSERT INTO directory_products (code, description, description_zh, hs_code,"
                  " currency, units_per_package, template, updated)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, p->code);
  bind_text (st, 2, p->description);
  bind_text (st, 3, p->description_zh);
  bind_text (st, 4, p->item->hs_code);
  bind_text (st, 5, p->currency);
  bind_number (st, 6, p->units_per_package);
  bind_text (st, 7, json);
  p->updated = now_s ();
  cs_db_bind_int64 (st, 8, p->updated);
  if (update)
    cs_db_bind_int64 (st, 9, p->id);
  rc = cs_db_step (st);
  if (rc == CS_DB_ROW)
    {
      new_id = cs_db_column_int64 (st, 0);
      rc = cs_db_step (st);
    }
  if (rc == CS_DB_CONSTRAINT)
    {
      g_set_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_DUPLICATE,
                   _("the product code “%s” is already in the catalogue"), p->code);
      return FALSE;
    }
  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (store, error, rc, "directory_products");
  if (update && cs_db_changes (store->db) == 0)
    {
      set_not_found (error, TRUE, p->id);
      return FALSE;
    }
  if (!update)
    p->id = new_id;
  return TRUE;
}

gboolean
cs_directory_add_product (CsStore    *store,
                          CsProduct  *product,
                          GError    **error)
{
  g_return_val_if_fail (CS_IS_STORE (store) && product != NULL, FALSE);
  return write_product (store, product, FALSE, error);
}

gboolean
cs_directory_update_product (CsStore    *store,
                             CsProduct  *product,
                             GError    **error)
{
  g_return_val_if_fail (CS_IS_STORE (store) && product != NULL && product->id > 0, FALSE);
  return write_product (store, product, TRUE, error);
}

gboolean
cs_directory_delete_product (CsStore  *store,
                             gint64    id,
                             GError  **error)
{
  g_return_val_if_fail (CS_IS_STORE (store), FALSE);
  return delete_row (store, "DELETE FROM directory_products WHERE id = ?1", id, error);
}

#define PRODUCT_COLUMNS "id, code, description, description_zh, currency, units_per_package, " \
                        "template, updated"

static GPtrArray *
read_products (CsStore       *store,
               CsDbStmt      *st,
               GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_product_free);
  CsDbRc rc;

  while ((rc = cs_db_step (st)) == CS_DB_ROW)
    {
      g_autoptr(CsProduct) p = g_new0 (CsProduct, 1);
      g_autofree char *json = _cs_store_column_text (store, st, 6, NULL);
      g_autofree char *where = NULL;
      CsRecord *item;

      p->id = cs_db_column_int64 (st, 0);
      where = g_strdup_printf ("directory_products[%" G_GINT64_FORMAT "]", p->id);
      item = cs_json_record_from_data (json ? json : "{}", -1, CS_TYPE_ITEM,
                                       cs_store_get_path (store), where, error);
      if (item == NULL)
        return NULL;
      p->item = CS_ITEM (item);
      p->code = _cs_store_column_text (store, st, 1, NULL);
      p->description = _cs_store_column_text (store, st, 2, NULL);
      p->description_zh = _cs_store_column_text (store, st, 3, NULL);
      p->currency = _cs_store_column_text (store, st, 4, NULL);
      p->units_per_package = cs_db_column_type (st, 5) == CS_DB_TYPE_NULL ? NAN
                             : cs_db_column_double (st, 5);
      p->updated = cs_db_column_int64 (st, 7);
      g_ptr_array_add (out, g_steal_pointer (&p));
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (store, error, rc, "directory_products");
      return NULL;
    }
  return g_steal_pointer (&out);
}

CsProduct *
cs_directory_get_product (CsStore    *store,
                          const char *code,
                          GError    **error)
{
  g_autoptr(CsDbStmt) st = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CS_IS_STORE (store) && code != NULL, NULL);
  st = prepare (store, _cs_store_sql (store,
                                      "SELECT " PRODUCT_COLUMNS " FROM directory_products WHERE code = ?1",
                                      "SELECT " PRODUCT_COLUMNS " FROM directory_products"
                                      " WHERE lower (code) = lower (CAST (?1 AS TEXT))"), error);
  if (st == NULL)
    return NULL;
  bind_text (st, 1, code);
  if ((rows = read_products (store, st, error)) == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_NOT_FOUND,
                   _("no product with the code “%s” in the catalogue"), code);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
cs_directory_search_products (CsStore    *store,
                              const char *text,
                              guint       limit,
                              GError    **error)
{
  g_autoptr(CsDbStmt) st = NULL;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  st = prepare_search (store,
                       _cs_store_sql (store,
                       "SELECT " PRODUCT_COLUMNS " FROM directory_products"
                       " WHERE ?1 = '' OR code LIKE ?3 ESCAPE '\\' OR description LIKE ?2 ESCAPE '\\'"
                       "   OR description_zh LIKE ?2 ESCAPE '\\' OR hs_code LIKE ?3 ESCAPE '\\'"
                       " ORDER BY (code = ?1) DESC, (code LIKE ?3 ESCAPE '\\') DESC, code, id"
                       " LIMIT ?4",
                       "SELECT " PRODUCT_COLUMNS " FROM directory_products"
                       " WHERE CAST (?1 AS TEXT) = '' OR code ILIKE ?3 ESCAPE '\\' OR description ILIKE ?2 ESCAPE '\\'"
                       "   OR description_zh ILIKE ?2 ESCAPE '\\' OR hs_code ILIKE ?3 ESCAPE '\\'"
                       " ORDER BY (lower (code) = lower (?1)) DESC, (code ILIKE ?3 ESCAPE '\\') DESC,"
                       "   lower (code), id"
                       " LIMIT NULLIF (CAST (?4 AS BIGINT), -1)"), text, limit, error);
  return st ? read_products (store, st, error) : NULL;
}

/* Copies the product's sub-block @name into @item when the line has none. */
static void
fill_block (CsItem     *item,
            CsItem     *template,
            const char *name)
{
  const CsField *f = cs_record_find_field (CS_RECORD (template), name);
  CsRecord *from = *(CsRecord **) CS_FIELD_SLOT (template, f);
  CsRecord *to = *(CsRecord **) CS_FIELD_SLOT (item, f);
  g_autoptr(CsRecord) copy = NULL;

  if (from == NULL || to != NULL)
    return;
  copy = cs_record_copy (from);
  cs_record_set_record (CS_RECORD (item), name, copy);
}

static void
fill_string (CsItem     *item,
             const char *name,
             const char *value)
{
  CsRecord *rec = CS_RECORD (item);

  if (value != NULL && cs_field_get_string (rec, cs_record_find_field (rec, name)) == NULL)
    cs_record_set_string (rec, name, value);
}

static void
fill_times (CsItem     *item,
            const char *name,
            double      per_unit,
            double      quantity)
{
  CsRecord *rec = CS_RECORD (item);
  double *slot = CS_FIELD_SLOT (rec, cs_record_find_field (rec, name));

  if (cs_num_is_set (per_unit) && cs_num_is_set (quantity) && !cs_num_is_set (*slot))
    cs_record_set_number (rec, name, per_unit * quantity);
}

void
cs_directory_fill_item (CsItem          *item,
                        const CsProduct *product,
                        double           quantity)
{
  CsItem *t;
  static const char * const blocks[] = { "vehicle", "electronics", "machinery", "perishable", "dg" };

  g_return_if_fail (CS_IS_ITEM (item) && product != NULL);
  t = product->item;
  /* The line keeps the code of the product it was last filled from (items[].product): unlike
   * the other fields, this one is not typed but names the choice, so choosing another product
   * replaces it. */
  if (product->code != NULL)
    cs_record_set_string (CS_RECORD (item), "product", product->code);
  fill_string (item, "description", product->description ? product->description
                                                          : product->description_zh);
  fill_string (item, "hs_code", t->hs_code);
  fill_string (item, "unit", t->unit);
  fill_string (item, "origin_country", t->origin_country);
  fill_string (item, "category", t->category);
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    fill_block (item, t, blocks[i]);

  if (cs_num_is_set (quantity))
    cs_record_set_number (CS_RECORD (item), "quantity", quantity);
  else
    quantity = item->quantity;
  fill_times (item, "net_kg", t->net_kg, quantity);
  fill_times (item, "gross_kg", t->gross_kg, quantity);
  fill_times (item, "volume_m3", t->volume_m3, quantity);
  fill_times (item, "value", t->value, quantity);

  if ((t->packages != NULL && t->packages->type != NULL)
      || (cs_num_is_set (product->units_per_package) && product->units_per_package > 0
          && cs_num_is_set (quantity)))
    {
      CsRecord *pk = cs_record_ensure_record (CS_RECORD (item), "packages");

      if (t->packages != NULL && t->packages->type != NULL && CS_PACKAGES (pk)->type == NULL)
        cs_record_set_string (pk, "type", t->packages->type);
      if (cs_num_is_set (product->units_per_package) && product->units_per_package > 0
          && cs_num_is_set (quantity) && !cs_num_is_set (CS_PACKAGES (pk)->count))
        cs_record_set_number (pk, "count", ceil (quantity / product->units_per_package - 1e-9));
    }
}

/* ---- file columns -------------------------------------------------------------------------- */

typedef enum
{
  COL_RECORD,           /* a field of the party, or of the product's item / its block */
  COL_ID,               /* the directory entry's id (parties) */
  COL_CODE,
  COL_DESCRIPTION,
  COL_DESCRIPTION_ZH,
  COL_CURRENCY,
  COL_UNITS_PER_PACKAGE,
  COL_PACKAGE_TYPE,
} ColumnKind;

typedef struct
{
  const char *key;      /* header key, unique in its table */
  const char *en;       /* English header (files stay importable whatever the UI language) */
  const char *zh;       /* Chinese header */
  ColumnKind  kind;
  const char *block;    /* COL_RECORD: NULL for the record itself, else the item's sub-block */
  const char *field;    /* COL_RECORD: the field's name */
} Column;

static const Column party_columns[] = {
  { "id", "ID", "编号", COL_ID, NULL, NULL },
  { "name", "Name", "名称", COL_RECORD, NULL, "name" },
  { "name_latin", "Latin name", "英文名称", COL_RECORD, NULL, "name_latin" },
  { "address", "Address", "地址", COL_RECORD, NULL, "address" },
  { "city", "City", "城市", COL_RECORD, NULL, "city" },
  { "postcode", "Postcode", "邮编", COL_RECORD, NULL, "postcode" },
  { "country", "Country", "国家", COL_RECORD, NULL, "country" },
  { "tax_id", "Tax ID", "纳税人识别号", COL_RECORD, NULL, "tax_id" },
  { "contact", "Contact", "联系人", COL_RECORD, NULL, "contact" },
  { "phone", "Phone", "电话", COL_RECORD, NULL, "phone" },
  { "email", "E-mail", "电子邮件", COL_RECORD, NULL, "email" },
};

static const Column product_columns[] = {
  { "code", "Product code", "货号", COL_CODE, NULL, NULL },
  { "description", "Description", "英文品名", COL_DESCRIPTION, NULL, NULL },
  { "description_zh", "Chinese description", "中文品名", COL_DESCRIPTION_ZH, NULL, NULL },
  { "hs_code", "HS code", "商品编码", COL_RECORD, NULL, "hs_code" },
  { "unit", "Unit", "单位", COL_RECORD, NULL, "unit" },
  { "net_kg", "Net kg per unit", "单位净重", COL_RECORD, NULL, "net_kg" },
  { "gross_kg", "Gross kg per unit", "单位毛重", COL_RECORD, NULL, "gross_kg" },
  { "volume_m3", "Volume m³ per unit", "单位体积", COL_RECORD, NULL, "volume_m3" },
  { "value", "Value per unit", "单价", COL_RECORD, NULL, "value" },
  { "currency", "Currency", "币制", COL_CURRENCY, NULL, NULL },
  { "package_type", "Package type", "包装种类", COL_PACKAGE_TYPE, NULL, NULL },
  { "units_per_package", "Units per package", "每件数量", COL_UNITS_PER_PACKAGE, NULL, NULL },
  { "origin", "Origin", "原产国", COL_RECORD, NULL, "origin_country" },
  { "category", "Category", "类别", COL_RECORD, NULL, "category" },
  { "make", "Make", "品牌", COL_RECORD, "vehicle", "make" },
  { "model", "Model", "车型", COL_RECORD, "vehicle", "model" },
  { "model_year", "Model year", "年款", COL_RECORD, "vehicle", "model_year" },
  { "powertrain", "Powertrain", "动力类型", COL_RECORD, "vehicle", "powertrain" },
  { "battery_kwh", "Battery kWh", "电池容量", COL_RECORD, "vehicle", "battery_kwh" },
  { "condition", "Condition", "新旧状态", COL_RECORD, "vehicle", "condition" },
  { "battery", "Battery", "电池", COL_RECORD, "electronics", "battery" },
  { "chemistry", "Battery chemistry", "电池类型", COL_RECORD, "electronics", "chemistry" },
  { "wh_per_unit", "Wh per unit", "每件瓦时", COL_RECORD, "electronics", "wh_per_unit" },
  { "dual_use", "Dual use", "两用物项", COL_RECORD, "machinery", "dual_use" },
  { "licence_no", "Licence", "许可证号", COL_RECORD, "machinery", "licence_no" },
  { "perishable_product", "Perishable product", "生鲜品名", COL_RECORD, "perishable", "product" },
  { "temp_min_c", "Min °C", "最低温度", COL_RECORD, "perishable", "temp_min_c" },
  { "temp_max_c", "Max °C", "最高温度", COL_RECORD, "perishable", "temp_max_c" },
  { "shelf_life_days", "Shelf life days", "保质期天数", COL_RECORD, "perishable", "shelf_life_days" },
  { "ethylene", "Ethylene", "乙烯", COL_RECORD, "perishable", "ethylene" },
  { "un_number", "UN number", "联合国编号", COL_RECORD, "dg", "un_number" },
  { "dg_class", "DG class", "危险品类别", COL_RECORD, "dg", "class" },
  { "packing_group", "Packing group", "包装类别", COL_RECORD, "dg", "packing_group" },
  { "proper_shipping_name", "Proper shipping name", "正式运输名称", COL_RECORD, "dg",
    "proper_shipping_name" },
};

static char *
column_header (const Column *c)
{
  return g_strdup_printf ("%s / %s", c->en, c->zh);
}

/* The record a column reads, or NULL when the block is absent (and @create is FALSE). */
static CsRecord *
column_record (const Column *c,
               CsRecord     *rec,
               gboolean      create)
{
  const CsField *f;
  CsRecord **slot;

  if (c->block == NULL)
    return rec;
  f = cs_record_find_field (rec, c->block);
  slot = CS_FIELD_SLOT (rec, f);
  if (*slot == NULL && create)
    cs_field_take_record (rec, f, g_object_new (f->type (), NULL));
  return *slot;
}

/* The value of a column as text (NULL when absent); @number_out gets numbers for xlsx. */
static char *
column_text (const Column *c,
             CsRecord     *rec,
             gint64        id,
             const CsProduct *p,
             double       *number_out)
{
  CsRecord *r;
  const CsField *f;
  gpointer slot;

  *number_out = NAN;
  switch (c->kind)
    {
    case COL_ID:
      *number_out = (double) id;
      return g_strdup_printf ("%" G_GINT64_FORMAT, id);
    case COL_CODE:
      return g_strdup (p->code);
    case COL_DESCRIPTION:
      return g_strdup (p->description);
    case COL_DESCRIPTION_ZH:
      return g_strdup (p->description_zh);
    case COL_CURRENCY:
      return g_strdup (p->currency);
    case COL_PACKAGE_TYPE:
      return g_strdup (p->item->packages ? p->item->packages->type : NULL);
    case COL_UNITS_PER_PACKAGE:
      *number_out = p->units_per_package;
      break;
    case COL_RECORD:
      if ((r = column_record (c, rec, FALSE)) == NULL)
        return NULL;
      f = cs_record_find_field (r, c->field);
      slot = CS_FIELD_SLOT (r, f);
      switch (f->kind)
        {
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          *number_out = *(double *) slot;
          break;
        case CS_FIELD_BOOLEAN:
          return g_strdup (*(gboolean *) slot ? "true" : "false");
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
        case CS_FIELD_STRV:
        case CS_FIELD_INTV:
        case CS_FIELD_RECORD:
        case CS_FIELD_LIST:
        default:
          return g_strdup (cs_field_get_string (r, f));
        }
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  if (cs_num_is_set (*number_out))
    {
      GString *s = g_string_new (NULL);

      cs_json_append_number (s, *number_out);
      return g_string_free (s, FALSE);
    }
  return NULL;
}

/* ---- the directory as a table, for files (written by app/export/cs-export-directory.c) ---- */

struct _CsDirectoryTable
{
  CsDirectoryKind kind;
  const Column   *columns;
  guint           n_columns;
  GPtrArray      *rows;       /* of CsDirectoryParty or CsProduct */
};

CsDirectoryTable *
cs_directory_table_read (CsStore         *store,
                         CsDirectoryKind  kind,
                         GError         **error)
{
  GPtrArray *rows = kind == CS_DIRECTORY_PRODUCTS ? cs_directory_search_products (store, NULL, 0, error)
                                                  : cs_directory_search_parties (store, NULL, 0, error);
  CsDirectoryTable *t;

  if (rows == NULL)
    return NULL;
  t = g_new0 (CsDirectoryTable, 1);
  t->kind = kind;
  t->rows = rows;
  if (kind == CS_DIRECTORY_PRODUCTS)
    {
      t->columns = product_columns;
      t->n_columns = G_N_ELEMENTS (product_columns);
    }
  else
    {
      t->columns = party_columns;
      t->n_columns = G_N_ELEMENTS (party_columns);
    }
  return t;
}

void
cs_directory_table_free (CsDirectoryTable *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->rows);
  g_free (t);
}

CsDirectoryKind
cs_directory_table_get_kind (const CsDirectoryTable *t)
{
  return t->kind;
}

guint
cs_directory_table_get_n_columns (const CsDirectoryTable *t)
{
  return t->n_columns;
}

guint
cs_directory_table_get_n_rows (const CsDirectoryTable *t)
{
  return t->rows->len;
}

char *
cs_directory_table_get_header (const CsDirectoryTable *t,
                               guint                   column)
{
  g_return_val_if_fail (column < t->n_columns, NULL);
  return column_header (&t->columns[column]);
}

char *
cs_directory_table_get_cell (const CsDirectoryTable *t,
                             guint                   row,
                             guint                   column,
                             double                 *number_out)
{
  CsProduct *p = NULL;
  CsDirectoryParty *e = NULL;

  g_return_val_if_fail (row < t->rows->len && column < t->n_columns, NULL);
  if (t->kind == CS_DIRECTORY_PRODUCTS)
    p = t->rows->pdata[row];
  else
    e = t->rows->pdata[row];
  return column_text (&t->columns[column], p ? CS_RECORD (p->item) : CS_RECORD (e->party),
                      e ? e->id : p->id, p, number_out);
}

/* ---- import -------------------------------------------------------------------------------- */

typedef struct
{
  const char   *source;
  const Column *columns;
  guint         n_columns;
  int          *column_of;   /* file column -> index in columns, -1 = not imported */
  guint         n_file_columns;
  GStrv         headers;
  gboolean      have_header;
  GPtrArray    *problems;
  GPtrArray    *parties;     /* of CsDirectoryParty (id 0 = new) */
  GPtrArray    *products;    /* of CsProduct */
  GHashTable   *seen;        /* tax id or code -> GUINT row */
  CsStore      *store;
  GError       *fatal;
} Importer;

#define NO_COLUMN G_MAXUINT

G_GNUC_PRINTF (4, 5)
static void
add_problem (Importer   *im,
             guint       row,
             guint       file_column,
             const char *format,
             ...)
{
  CsImportProblem *p = g_new0 (CsImportProblem, 1);
  va_list args;

  p->source = g_strdup (im->source);
  p->line = row;
  if (file_column == NO_COLUMN)
    p->column = NULL;
  else if (file_column < g_strv_length (im->headers) && *im->headers[file_column] != '\0')
    p->column = g_strdup (im->headers[file_column]);
  else
    p->column = cs_xlsx_column_name (file_column);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (im->problems, p);
}

static gboolean
header_matches (const Column *c,
                const char   *header)
{
  g_auto(GStrv) parts = g_strsplit (header, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *h = g_strstrip (g_utf8_casefold (parts[i], -1));
      g_autofree char *en = g_utf8_casefold (c->en, -1);

      if (*h != '\0' && (g_ascii_strcasecmp (h, c->key) == 0 || strcmp (h, en) == 0
                         || strcmp (h, c->zh) == 0))
        return TRUE;
    }
  return FALSE;
}

/* The first row: which column is which; an unknown header is an error (a typo would otherwise
 * drop a whole column silently). */
static gboolean
read_header (Importer          *im,
             guint              row,
             const CsXlsxCell  *cells,
             guint              n_cells,
             GError           **error)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  im->column_of = g_new (int, n_cells);
  im->n_file_columns = n_cells;
  for (guint i = 0; i < n_cells; i++)
    {
      g_strv_builder_add (b, cells[i].text);
      im->column_of[i] = -1;
      if (*cells[i].text == '\0')
        continue;
      for (guint c = 0; c < im->n_columns; c++)
        if (header_matches (&im->columns[c], cells[i].text))
          im->column_of[i] = c;
      if (im->column_of[i] < 0)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint c = 0; c < im->n_columns; c++)
            g_string_append_printf (known, "%s%s", c ? ", " : "", im->columns[c].key);
          g_set_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_FORMAT,
                       _("%s:%u: the column “%s” is not one we know (the columns are %s, in "
                         "English or Chinese)"), im->source, row, cells[i].text, known->str);
          return FALSE;
        }
    }
  im->headers = g_strv_builder_end (b);
  im->have_header = TRUE;
  return TRUE;
}

static gboolean
parse_number (const char *s,
              double     *out)
{
  char *end = NULL;

  errno = 0;
  *out = g_ascii_strtod (s, &end);
  return end != s && *end == '\0' && errno == 0 && isfinite (*out);
}

/* Sets a record field from a cell; FALSE (with a problem) when the text does not fit. */
static void
set_from_text (Importer     *im,
               guint         row,
               guint         file_column,
               const Column *c,
               CsRecord     *rec,
               const char   *text)
{
  CsRecord *r = column_record (c, rec, TRUE);
  const CsField *f = cs_record_find_field (r, c->field);
  double v;

  switch (f->kind)
    {
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      if (!parse_number (text, &v))
        add_problem (im, row, file_column, _("“%s” is not a number"), text);
      else if (f->kind == CS_FIELD_INTEGER && v != floor (v))
        add_problem (im, row, file_column, _("“%s” is not a whole number"), text);
      else
        cs_field_set_number (r, f, v);
      break;
    case CS_FIELD_BOOLEAN:
      {
        static const char * const yes[] = { "true", "yes", "1", "y", "是", NULL };
        static const char * const no[] = { "false", "no", "0", "n", "否", NULL };
        g_autofree char *l = g_ascii_strdown (text, -1);

        if (g_strv_contains (yes, l))
          cs_field_set_boolean (r, f, TRUE);
        else if (!g_strv_contains (no, l))
          add_problem (im, row, file_column, _("“%s” is neither yes nor no"), text);
      }
      break;
    case CS_FIELD_ENUM:
      {
        const char *match = NULL;

        for (guint i = 0; f->choices[i] != NULL; i++)
          if (g_ascii_strcasecmp (f->choices[i], text) == 0)
            match = f->choices[i];
        if (match == NULL)
          {
            g_autofree char *list = g_strjoinv (", ", (GStrv) f->choices);

            add_problem (im, row, file_column, _("“%s” is not one of %s"), text, list);
          }
        else
          cs_field_set_string (r, f, match);
      }
      break;
    case CS_FIELD_STRING:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
    case CS_FIELD_STRV:
    case CS_FIELD_INTV:
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
    default:
      cs_field_set_string (r, f, text);
    }
}

static gboolean
is_country_code (const char *s)
{
  return strlen (s) == 2 && g_ascii_isalpha (s[0]) && g_ascii_isalpha (s[1]);
}

static void
import_party_row (Importer         *im,
                  guint             row,
                  const CsXlsxCell *cells,
                  guint             n_cells)
{
  g_autoptr(CsDirectoryParty) e = cs_directory_party_new (NULL);
  guint before = im->problems->len;
  int tax_col = -1;
  gpointer seen;

  for (guint i = 0; i < n_cells && i < im->n_file_columns; i++)
    {
      const Column *c;
      g_autofree char *t = g_strstrip (g_strdup (cells[i].text));

      if (im->column_of[i] < 0 || *t == '\0')
        continue;
      c = &im->columns[im->column_of[i]];
      if (c->kind == COL_ID)
        {
          double v;

          if (!parse_number (t, &v) || v < 1 || v != floor (v))
            add_problem (im, row, i, _("“%s” is not an entry id"), t);
          else
            e->id = (gint64) v;
          continue;
        }
      if (strcmp (c->field, "tax_id") == 0)
        tax_col = i;
      if (strcmp (c->field, "country") == 0)
        {
          if (!is_country_code (t))
            add_problem (im, row, i, _("“%s” is not a two-letter country code (ISO 3166)"), t);
          else
            {
              g_autofree char *up = g_ascii_strup (t, -1);
              set_from_text (im, row, i, c, CS_RECORD (e->party), up);
            }
          continue;
        }
      set_from_text (im, row, i, c, CS_RECORD (e->party), t);
    }
  if (e->party->name == NULL && e->party->name_latin == NULL)
    add_problem (im, row, NO_COLUMN, _("the row has neither a name nor a Latin name"));
  if (tax_col >= 0)
    {
      g_autofree char *why = cs_directory_check_tax_id (e->party->country, e->party->tax_id);
      g_autofree char *key = g_ascii_strup (e->party->tax_id, -1);
      g_autoptr(GError) local = NULL;
      g_autoptr(GPtrArray) clashes = NULL;

      if (why != NULL)
        add_problem (im, row, tax_col, "%s", why);
      else if ((seen = g_hash_table_lookup (im->seen, key)) != NULL)
        add_problem (im, row, tax_col, _("the tax id %s is also on row %u"), e->party->tax_id,
                     GPOINTER_TO_UINT (seen));
      else if ((clashes = cs_directory_party_tax_id_clashes (im->store, e->party->tax_id, e->id,
                                                             &local)) == NULL)
        im->fatal = im->fatal ? im->fatal : g_steal_pointer (&local);
      else if (clashes->len > 0)
        {
          CsDirectoryParty *other = clashes->pdata[0];
          g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT, other->id);

          add_problem (im, row, tax_col,
                       _("the tax id %s is already in the directory as “%s” (entry %s); to change "
                         "that entry, give its number in the ID column"),
                       e->party->tax_id,
                       cs_party_display_name (other->party), entry);
        }
      g_hash_table_insert (im->seen, g_steal_pointer (&key), GUINT_TO_POINTER (row));
    }
  if (im->problems->len == before)
    g_ptr_array_add (im->parties, g_steal_pointer (&e));
}

static void
import_product_row (Importer         *im,
                    guint             row,
                    const CsXlsxCell *cells,
                    guint             n_cells)
{
  g_autoptr(CsProduct) p = cs_product_new ();
  guint before = im->problems->len;
  gpointer seen;

  for (guint i = 0; i < n_cells && i < im->n_file_columns; i++)
    {
      const Column *c;
      g_autofree char *t = g_strstrip (g_strdup (cells[i].text));
      double v;

      if (im->column_of[i] < 0 || *t == '\0')
        continue;
      c = &im->columns[im->column_of[i]];
      switch (c->kind)
        {
        case COL_CODE:
          p->code = g_steal_pointer (&t);
          break;
        case COL_DESCRIPTION:
          p->description = g_steal_pointer (&t);
          break;
        case COL_DESCRIPTION_ZH:
          p->description_zh = g_steal_pointer (&t);
          break;
        case COL_CURRENCY:
          if (strlen (t) != 3 || !g_ascii_isalpha (t[0]) || !g_ascii_isalpha (t[1])
              || !g_ascii_isalpha (t[2]))
            add_problem (im, row, i, _("“%s” is not a currency code (ISO 4217, three letters)"), t);
          else
            p->currency = g_ascii_strup (t, -1);
          break;
        case COL_UNITS_PER_PACKAGE:
          if (!parse_number (t, &v) || v <= 0)
            add_problem (im, row, i, _("“%s” is not a number above zero"), t);
          else
            p->units_per_package = v;
          break;
        case COL_PACKAGE_TYPE:
          {
            CsRecord *pk = g_object_new (CS_TYPE_PACKAGES, NULL);
            g_autofree char *up = g_ascii_strup (t, -1);

            cs_field_set_string (pk, cs_record_find_field (pk, "type"), up);
            cs_field_take_record (CS_RECORD (p->item),
                                  cs_record_find_field (CS_RECORD (p->item), "packages"), pk);
          }
          break;
        case COL_RECORD:
          if (strcmp (c->field, "origin_country") == 0 && !is_country_code (t))
            add_problem (im, row, i, _("“%s” is not a two-letter country code (ISO 3166)"), t);
          else if (strcmp (c->field, "hs_code") == 0
                   && (strspn (t, "0123456789") != strlen (t)
                       || (strlen (t) != 6 && strlen (t) != 8 && strlen (t) != 10)))
            add_problem (im, row, i, _("“%s” is not an HS code (6, 8 or 10 digits)"), t);
          else if (strcmp (c->field, "origin_country") == 0 || strcmp (c->field, "unit") == 0)
            {
              g_autofree char *up = g_ascii_strup (t, -1);
              set_from_text (im, row, i, c, CS_RECORD (p->item), up);
            }
          else
            set_from_text (im, row, i, c, CS_RECORD (p->item), t);
          break;
        case COL_ID:
        default:
          break;
        }
    }
  if (p->code == NULL)
    add_problem (im, row, NO_COLUMN, _("the row has no product code"));
  else
    {
      g_autofree char *key = g_utf8_casefold (p->code, -1);

      if ((seen = g_hash_table_lookup (im->seen, key)) != NULL)
        add_problem (im, row, NO_COLUMN, _("the product code %s is also on row %u"), p->code,
                     GPOINTER_TO_UINT (seen));
      g_hash_table_insert (im->seen, g_steal_pointer (&key), GUINT_TO_POINTER (row));
    }
  if (im->problems->len == before)
    g_ptr_array_add (im->products, g_steal_pointer (&p));
}

static gboolean
import_row (guint             row,
            const CsXlsxCell *cells,
            guint             n_cells,
            gpointer          data,
            GError          **error)
{
  Importer *im = data;

  if (!im->have_header)
    return read_header (im, row, cells, n_cells, error);
  if ((im->parties ? im->parties->len : im->products->len) >= CS_TABLE_MAX_ROWS)
    {
      g_set_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_TOO_BIG,
                   _("%s: more than %u rows"), im->source, CS_TABLE_MAX_ROWS);
      return FALSE;
    }
  if (im->parties != NULL)
    import_party_row (im, row, cells, n_cells);
  else
    import_product_row (im, row, cells, n_cells);
  return im->fatal == NULL;
}

/* A CSV file's records (cs-import-csv.h: the encodings, separators and quoting of the item
 * importer), given to import_row () as an xlsx sheet's rows are, the file's line as the row. */
static gboolean
read_csv_rows (Importer          *im,
               const char        *path,
               CsImportEncoding   encoding,
               GError           **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (CsXlsxCell));
  g_autoptr(GError) local = NULL;

  if ((file = g_mapped_file_new (path, FALSE, error)) == NULL)
    return FALSE;
  rows = cs_import_csv_rows (g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                             path, encoding, error);
  if (rows == NULL)
    return FALSE;
  for (guint r = 0; r < rows->len; r++)
    {
      CsImportRow *row = g_ptr_array_index (rows, r);

      g_array_set_size (cells, row->cells->len);
      for (guint c = 0; c < row->cells->len; c++)
        {
          CsXlsxCell *cell = &g_array_index (cells, CsXlsxCell, c);

          cell->text = g_ptr_array_index (row->cells, c);
          cell->type = *cell->text != '\0' ? CS_XLSX_CELL_STRING : CS_XLSX_CELL_EMPTY;
          cell->number = 0;
        }
      /* FALSE without an error: stopped at a fatal problem, which read_rows () reports */
      if (!import_row (row->line, (const CsXlsxCell *) cells->data, cells->len, im, &local))
        break;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_rows (Importer         *im,
           const char       *path,
           CsImportEncoding  encoding,
           GError          **error)
{
  CsTableFormat format;
  g_autoptr(CsXlsxBook) book = NULL;

  if (!cs_table_format_for_name (path, &format))
    {
      g_set_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_FORMAT,
                   _("%s: give the file the extension .csv or .xlsx"), path);
      return FALSE;
    }
  if (format == CS_TABLE_FORMAT_CSV)
    {
      if (!read_csv_rows (im, path, encoding, error))
        return FALSE;
    }
  else if ((book = cs_xlsx_book_open (path, error)) == NULL
           || !cs_xlsx_book_read_sheet (book, NULL, import_row, im, error))
    return FALSE;
  if (im->fatal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&im->fatal));
      return FALSE;
    }
  if (!im->have_header)
    {
      g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_EMPTY, _("%s: the file is empty"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish_import (Importer    *im,
               GPtrArray  **problems,
               GError     **error)
{
  if (im->problems->len > 0)
    {
      g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%s: %u problem; nothing was imported",
                                "%s: %u problems; nothing was imported", im->problems->len),
                   im->source, im->problems->len);
      if (problems != NULL)
        *problems = g_ptr_array_ref (im->problems);
      return FALSE;
    }
  return TRUE;
}

static void
importer_clear (Importer *im)
{
  g_free (im->column_of);
  g_strfreev (im->headers);
  g_clear_pointer (&im->problems, g_ptr_array_unref);
  g_clear_pointer (&im->parties, g_ptr_array_unref);
  g_clear_pointer (&im->products, g_ptr_array_unref);
  g_clear_pointer (&im->seen, g_hash_table_unref);
  g_clear_error (&im->fatal);
}

static void
importer_init (Importer     *im,
               CsStore      *store,
               const char   *path,
               const Column *columns,
               guint         n_columns,
               gboolean      products)
{
  memset (im, 0, sizeof *im);
  im->store = store;
  im->source = path;
  im->columns = columns;
  im->n_columns = n_columns;
  im->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_problem_free);
  im->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (products)
    im->products = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_product_free);
  else
    im->parties = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_directory_party_free);
}

/* Reads and checks every row, then writes them all in one transaction (products replace the
 * entry with the same code; parties with an id replace that entry), or nothing. */
static gboolean
import_file (CsStore           *store,
             const char        *path,
             CsImportEncoding   encoding,
             gboolean           products,
             guint             *n_out,
             GPtrArray        **problems,
             GError           **error)
{
  g_autoptr(CsDbStmt) del = NULL;
  Importer im;
  gboolean ok = FALSE;

  g_return_val_if_fail (CS_IS_STORE (store) && path != NULL, FALSE);
  if (products)
    importer_init (&im, store, path, product_columns, G_N_ELEMENTS (product_columns), TRUE);
  else
    importer_init (&im, store, path, party_columns, G_N_ELEMENTS (party_columns), FALSE);
  if (read_rows (&im, path, encoding, error) && finish_import (&im, problems, error)
      && (!products || (del = prepare (store, _cs_store_sql (store,
                                                      "DELETE FROM directory_products WHERE code = ?1",
                                                      "DELETE FROM directory_products"
                                                      " WHERE lower (code) = lower (CAST (?1 AS TEXT))"),
                                       error)) != NULL)
      && _cs_store_begin (store, CS_DB_WRITE, error))
    {
      GPtrArray *rows = products ? im.products : im.parties;

      ok = TRUE;
      for (guint i = 0; ok && i < rows->len; i++)
        {
          g_autoptr(GError) local = NULL;

          if (products)
            {
              CsProduct *p = rows->pdata[i];

              cs_db_reset (del);
              bind_text (del, 1, p->code);
              ok = step_done (store, del, "directory_products", &local)
                   && write_product (store, p, FALSE, &local);
            }
          else
            {
              CsDirectoryParty *e = rows->pdata[i];

              ok = write_party (store, e->id, e->party, NULL, &local);
            }
          if (!ok)
            g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
        }
      ok = ok && _cs_store_exec (store, "COMMIT", error);
      if (!ok)
        _cs_store_exec (store, "ROLLBACK", NULL);
      if (ok && n_out != NULL)
        *n_out = rows->len;
    }
  importer_clear (&im);
  return ok;
}

gboolean
cs_directory_import_parties (CsStore           *store,
                             const char        *path,
                             CsImportEncoding   encoding,
                             guint             *n_out,
                             GPtrArray        **problems,
                             GError           **error)
{
  return import_file (store, path, encoding, FALSE, n_out, problems, error);
}

gboolean
cs_directory_import_products (CsStore           *store,
                              const char        *path,
                              CsImportEncoding   encoding,
                              guint             *n_out,
                              GPtrArray        **problems,
                              GError           **error)
{
  return import_file (store, path, encoding, TRUE, n_out, problems, error);
}
