/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-catalog.c: reference data from resources/catalog/ JSON files, iso-codes and user overrides */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-catalog-private.h"
#include "cs-finding.h"
#include "cs-record.h"

#define ISO_CODES_DIR "/usr/share/iso-codes/json"

G_DEFINE_QUARK (cs-catalog-error-quark, cs_catalog_error)

/* The files of the catalog, in loading order. */
static const char * const catalog_files[] = {
  "rules.json", "params.json", "locodes.json", "corridors.json", "packages.json", "units.json",
  "size_types.json", "reefer_bands.json", "hs.json", "documents.json", "incoterms.json",
  "currencies.json", "preferences.json", "dg.json", "requirements.json",
};

/* ---- CsCatalogEntry ------------------------------------------------------------------------ */

struct _CsCatalogEntry
{
  GObject     parent_instance;
  const char *code, *name, *name_zh;   /* interned */
  char       *detail;
};

G_DEFINE_FINAL_TYPE (CsCatalogEntry, cs_catalog_entry, G_TYPE_OBJECT)

enum { ENTRY_PROP_0, ENTRY_PROP_CODE, ENTRY_PROP_NAME, ENTRY_PROP_NAME_ZH, ENTRY_PROP_DETAIL, ENTRY_N_PROPS };
static GParamSpec *entry_props[ENTRY_N_PROPS];

static void
cs_catalog_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsCatalogEntry *self = CS_CATALOG_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_CODE: g_value_set_static_string (value, self->code); break;
    case ENTRY_PROP_NAME: g_value_set_static_string (value, self->name); break;
    case ENTRY_PROP_NAME_ZH: g_value_set_static_string (value, self->name_zh); break;
    case ENTRY_PROP_DETAIL: g_value_set_string (value, self->detail); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_catalog_entry_finalize (GObject *object)
{
  g_free (CS_CATALOG_ENTRY (object)->detail);
  G_OBJECT_CLASS (cs_catalog_entry_parent_class)->finalize (object);
}

static void
cs_catalog_entry_class_init (CsCatalogEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cs_catalog_entry_get_property;
  object_class->finalize = cs_catalog_entry_finalize;
  entry_props[ENTRY_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  entry_props[ENTRY_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  entry_props[ENTRY_PROP_NAME_ZH] = g_param_spec_string ("name-zh", NULL, NULL, NULL, flags);
  entry_props[ENTRY_PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_props);
}

static void
cs_catalog_entry_init (CsCatalogEntry *self)
{
}

static CsCatalogEntry *
entry_new (const char *code,
           const char *name,
           const char *name_zh,
           char       *detail)   /* taken */
{
  CsCatalogEntry *self = g_object_new (CS_TYPE_CATALOG_ENTRY, NULL);

  self->code = g_intern_string (code);
  self->name = g_intern_string (name ? name : "");
  self->name_zh = g_intern_string (name_zh ? name_zh : "");
  self->detail = detail ? detail : g_strdup ("");
  return self;
}

const char *
cs_catalog_entry_get_code (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->code;
}

const char *
cs_catalog_entry_get_name (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->name;
}

const char *
cs_catalog_entry_get_name_zh (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->name_zh;
}

const char *
cs_catalog_entry_get_detail (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->detail;
}

/* ---- CsCatalog ----------------------------------------------------------------------------- */

/* struct _CsCatalog: cs-catalog-private.h */

G_DEFINE_FINAL_TYPE (CsCatalog, cs_catalog, G_TYPE_OBJECT)

static void
cs_catalog_finalize (GObject *object)
{
  CsCatalog *self = CS_CATALOG (object);

  g_ptr_array_unref (self->warnings);
  g_hash_table_unref (self->rules);
  g_hash_table_unref (self->params);
  g_hash_table_unref (self->locodes);
  g_hash_table_unref (self->corridors_by_id);
  g_hash_table_unref (self->packages);
  g_hash_table_unref (self->units);
  g_hash_table_unref (self->size_types);
  g_hash_table_unref (self->bands_by_name);
  g_hash_table_unref (self->bands_by_hs);
  g_hash_table_unref (self->hs_headings);
  g_hash_table_unref (self->documents);
  g_hash_table_unref (self->incoterms);
  g_hash_table_unref (self->currencies);
  g_hash_table_unref (self->countries);
  g_hash_table_unref (self->preferences);
  g_ptr_array_unref (self->corridors);
  g_ptr_array_unref (self->requirements);
  g_ptr_array_unref (self->dg_rules);
  g_ptr_array_unref (self->locode_list);
  g_ptr_array_unref (self->package_list);
  g_ptr_array_unref (self->unit_list);
  g_ptr_array_unref (self->size_type_list);
  g_ptr_array_unref (self->band_list);
  g_ptr_array_unref (self->heading_list);
  g_ptr_array_unref (self->document_list);
  g_ptr_array_unref (self->incoterm_list);
  g_ptr_array_unref (self->currency_list);
  g_ptr_array_unref (self->country_list);
  g_ptr_array_unref (self->rule_ids);
  g_hash_table_unref (self->lists);
  g_mutex_clear (&self->lists_lock);
  g_ptr_array_unref (self->allocs);

  G_OBJECT_CLASS (cs_catalog_parent_class)->finalize (object);
}

static void
cs_catalog_class_init (CsCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_catalog_finalize;
}

static void
cs_catalog_init (CsCatalog *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->allocs = g_ptr_array_new_with_free_func (g_free);
  self->rules = g_hash_table_new (NULL, NULL);
  self->params = g_hash_table_new (NULL, NULL);
  self->locodes = g_hash_table_new (g_str_hash, g_str_equal);
  self->corridors_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->packages = g_hash_table_new (g_str_hash, g_str_equal);
  self->units = g_hash_table_new (g_str_hash, g_str_equal);
  self->size_types = g_hash_table_new (g_str_hash, g_str_equal);
  self->bands_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bands_by_hs = g_hash_table_new (g_str_hash, g_str_equal);
  self->hs_headings = g_hash_table_new (g_str_hash, g_str_equal);
  self->documents = g_hash_table_new (g_str_hash, g_str_equal);
  self->incoterms = g_hash_table_new (g_str_hash, g_str_equal);
  self->currencies = g_hash_table_new (g_str_hash, g_str_equal);
  self->countries = g_hash_table_new (g_str_hash, g_str_equal);
  self->preferences = g_hash_table_new (g_str_hash, g_str_equal);
  self->corridors = g_ptr_array_new ();
  self->requirements = g_ptr_array_new ();
  self->dg_rules = g_ptr_array_new ();
  self->locode_list = g_ptr_array_new ();
  self->package_list = g_ptr_array_new ();
  self->unit_list = g_ptr_array_new ();
  self->size_type_list = g_ptr_array_new ();
  self->band_list = g_ptr_array_new ();
  self->heading_list = g_ptr_array_new ();
  self->document_list = g_ptr_array_new ();
  self->incoterm_list = g_ptr_array_new ();
  self->currency_list = g_ptr_array_new ();
  self->country_list = g_ptr_array_new ();
  self->rule_ids = g_ptr_array_new ();
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_mutex_init (&self->lists_lock);
}

gpointer
cs_catalog_alloc (CsCatalog *self,
                  gsize      size)
{
  gpointer p = g_malloc0 (size);

  g_ptr_array_add (self->allocs, p);
  return p;
}


/* ---- construction -------------------------------------------------------------------------- */

char *
cs_catalog_default_override_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "consign", "catalog", NULL);
}

CsCatalog *
cs_catalog_new_full (const char  *builtin_dir,
                     const char  *override_dir,
                     const char  *iso_codes_dir,
                     GError     **error)
{
  g_autoptr(CsCatalog) self = g_object_new (CS_TYPE_CATALOG, NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* countries and currencies first: currencies.json adds minor units to them */
  if (!cs_catalog_load_iso_codes (self, iso_codes_dir ? iso_codes_dir : ISO_CODES_DIR, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (catalog_files); i++)
    if (!cs_catalog_load_file (self, catalog_files[i], builtin_dir, override_dir, error))
      return NULL;
  return g_steal_pointer (&self);
}

CsCatalog *
cs_catalog_new_from_dir (const char  *dir,
                         GError     **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  return cs_catalog_new_full (dir, NULL, NULL, error);
}

CsCatalog *
cs_catalog_new_default (GError **error)
{
  g_autofree char *overrides = cs_catalog_default_override_dir ();

  return cs_catalog_new_full (NULL, overrides, NULL, error);
}

GPtrArray *
cs_catalog_get_warnings (CsCatalog *self)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return self->warnings;
}

/* ---- lookups ------------------------------------------------------------------------------- */

#define LOOKUP(table, key) ((key) ? g_hash_table_lookup ((table), (key)) : NULL)

const CsCorridor *
cs_catalog_get_corridor (CsCatalog *self, const char *id)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->corridors_by_id, id);
}

const CsCorridor **
cs_catalog_get_corridors (CsCatalog *self, guint *n_corridors)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (n_corridors)
    *n_corridors = self->corridors->len;
  return (const CsCorridor **) self->corridors->pdata;
}

const CsLocode *
cs_catalog_get_locode (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->locodes, code);
}

const CsCode *
cs_catalog_get_package (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->packages, code);
}

const CsCode *
cs_catalog_get_unit (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->units, code);
}

const CsSizeType *
cs_catalog_get_size_type (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->size_types, code);
}

const CsReeferBand *
cs_catalog_get_reefer_band (CsCatalog *self, const char *product)
{
  char buf[64];
  gsize len;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (product == NULL)
    return NULL;
  len = strlen (product);
  if (len >= sizeof buf)
    return NULL;
  for (gsize i = 0; i <= len; i++)
    buf[i] = g_ascii_tolower (product[i]);
  g_strstrip (buf);
  return g_hash_table_lookup (self->bands_by_name, buf);
}

const CsReeferBand *
cs_catalog_get_reefer_band_for_hs (CsCatalog *self, const char *hs_digits)
{
  char buf[16];
  gsize len;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (hs_digits == NULL)
    return NULL;
  len = MIN (strlen (hs_digits), sizeof buf - 1);
  memcpy (buf, hs_digits, len);
  for (gsize l = len; l >= 2; l--)
    {
      const CsReeferBand *b;

      buf[l] = '\0';
      if ((b = g_hash_table_lookup (self->bands_by_hs, buf)) != NULL)
        return b;
    }
  return NULL;
}

const CsHsEntry *
cs_catalog_get_hs_chapter (CsCatalog *self, int chapter)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (chapter < 0 || chapter > 99)
    return NULL;
  return self->chapters[chapter];
}

const CsHsEntry *
cs_catalog_get_hs_heading (CsCatalog *self, const char *hs_digits)
{
  char buf[16];
  gsize len;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (hs_digits == NULL)
    return NULL;
  len = MIN (strlen (hs_digits), 10);
  memcpy (buf, hs_digits, len);
  for (gsize l = len; l >= 4; l--)
    {
      const CsHsEntry *h;

      buf[l] = '\0';
      if ((h = g_hash_table_lookup (self->hs_headings, buf)) != NULL)
        return h;
    }
  return NULL;
}

const char * const *
cs_catalog_hs_categories (CsCatalog *self, const char *hs_digits)
{
  char buf[16];
  gsize len;
  const CsHsEntry *ch;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (hs_digits == NULL)
    return NULL;
  len = MIN (strlen (hs_digits), 10);
  memcpy (buf, hs_digits, len);
  for (gsize l = len; l >= 4; l--)
    {
      const CsHsEntry *h;

      buf[l] = '\0';
      if ((h = g_hash_table_lookup (self->hs_headings, buf)) != NULL && h->categories != NULL)
        return h->categories;
    }
  if (len < 2 || !g_ascii_isdigit (hs_digits[0]) || !g_ascii_isdigit (hs_digits[1]))
    return NULL;
  ch = self->chapters[(hs_digits[0] - '0') * 10 + (hs_digits[1] - '0')];
  return ch ? ch->categories : NULL;
}

const CsDocumentKind *
cs_catalog_get_document_kind (CsCatalog *self, const char *id)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->documents, id);
}

const CsIncotermEntry *
cs_catalog_get_incoterm (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->incoterms, code);
}

const CsCurrency *
cs_catalog_get_currency (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->currencies, code);
}

const CsCountry *
cs_catalog_get_country (CsCatalog *self, const char *alpha2)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->countries, alpha2);
}

const CsPreference *
cs_catalog_get_preference (CsCatalog *self, const char *id)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->preferences, id);
}

const CsRequirement **
cs_catalog_get_requirements (CsCatalog *self, guint *n)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  *n = self->requirements->len;
  return (const CsRequirement **) self->requirements->pdata;
}

const CsDgRule **
cs_catalog_get_dg_rules (CsCatalog *self, guint *n)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  *n = self->dg_rules->len;
  return (const CsDgRule **) self->dg_rules->pdata;
}

gboolean
cs_catalog_get_rule_severity (CsCatalog  *self,
                              const char *rule,
                              int        *severity)
{
  RuleSetting *rs;

  g_return_val_if_fail (CS_IS_CATALOG (self), FALSE);
  rs = g_hash_table_lookup (self->rules, g_intern_string (rule));
  if (rs == NULL || !rs->has_severity)
    return FALSE;
  if (severity)
    *severity = rs->severity;
  return TRUE;
}

const char *
cs_catalog_get_rule_title (CsCatalog  *self,
                           const char *rule)
{
  RuleSetting *rs;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  rs = g_hash_table_lookup (self->rules, g_intern_string (rule));
  return rs ? rs->title : NULL;
}

double
cs_catalog_get_param (CsCatalog  *self,
                      const char *name,
                      double      fallback)
{
  double *v;

  g_return_val_if_fail (CS_IS_CATALOG (self), fallback);
  v = g_hash_table_lookup (self->params, g_intern_string (name));
  return v ? *v : fallback;
}

/* ---- lists for pickers --------------------------------------------------------------------- */

static char *
strv_join (const char * const *v,
           const char         *sep)
{
  return v ? g_strjoinv (sep, (char **) v) : g_strdup ("");
}

static char *
corridor_detail (const CsCorridor *c)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < c->n_legs; i++)
    {
      const CsCorridorLeg *leg = &c->legs[i];
      g_autofree char *modes = strv_join (leg->modes, "/");
      g_autofree char *from = strv_join (leg->from, "/");
      g_autofree char *to = strv_join (leg->to, "/");

      if (i > 0)
        g_string_append (s, " · ");
      /* TRANSLATORS: a corridor leg: modes, from → to, typical days */
      g_string_append_printf (s, _("%s %s → %s (%g d)"), modes, *from ? from : "*", *to ? to : "*",
                              leg->typical_days);
    }
  return g_string_free (s, FALSE);
}

/* One builder per list: appends the list's entries to @items. */
typedef void (*ListBuilder) (CsCatalog *self,
                             GPtrArray *items);

static void
list_corridors (CsCatalog *self,
                GPtrArray *items)
{
  for (guint i = 0; i < self->corridors->len; i++)
    {
      const CsCorridor *c = self->corridors->pdata[i];
      g_ptr_array_add (items, entry_new (c->id, c->name, c->name_zh, corridor_detail (c)));
    }
}

static void
list_locodes (CsCatalog *self,
              GPtrArray *items)
{
  for (guint i = 0; i < self->locode_list->len; i++)
    {
      const CsLocode *l = self->locode_list->pdata[i];
      g_ptr_array_add (items, entry_new (l->code, l->name, l->name_zh,
                                         g_strdup_printf ("%s %s", l->country, l->functions)));
    }
}

static void
list_codes (GPtrArray *src,
            GPtrArray *items)
{
  for (guint i = 0; i < src->len; i++)
    {
      const CsCode *c = src->pdata[i];
      g_ptr_array_add (items, entry_new (c->code, c->name, c->name_zh, NULL));
    }
}

static void
list_packages (CsCatalog *self,
               GPtrArray *items)
{
  list_codes (self->package_list, items);
}

static void
list_units (CsCatalog *self,
            GPtrArray *items)
{
  list_codes (self->unit_list, items);
}

static void
list_size_types (CsCatalog *self,
                 GPtrArray *items)
{
  for (guint i = 0; i < self->size_type_list->len; i++)
    {
      const CsSizeType *s = self->size_type_list->pdata[i];
      g_ptr_array_add (items, entry_new (s->code, s->name, s->name_zh,
                                         g_strdup_printf (_("tare %.0f kg, max gross %.0f kg"),
                                                          s->tare_kg, s->max_gross_kg)));
    }
}

static void
list_hs_chapters (CsCatalog *self,
                  GPtrArray *items)
{
  for (guint i = 0; i < 100; i++)
    {
      const CsHsEntry *h = self->chapters[i];
      if (h)
        g_ptr_array_add (items, entry_new (h->code, h->title, h->title_zh, strv_join (h->categories, ", ")));
    }
}

static void
list_hs_headings (CsCatalog *self,
                  GPtrArray *items)
{
  for (guint i = 0; i < self->heading_list->len; i++)
    {
      const CsHsEntry *h = self->heading_list->pdata[i];
      g_ptr_array_add (items, entry_new (h->code, h->title, h->title_zh, strv_join (h->categories, ", ")));
    }
}

static void
list_documents (CsCatalog *self,
                GPtrArray *items)
{
  for (guint i = 0; i < self->document_list->len; i++)
    {
      const CsDocumentKind *d = self->document_list->pdata[i];
      g_ptr_array_add (items, entry_new (d->id, d->title, d->title_zh, NULL));
    }
}

static void
list_incoterms (CsCatalog *self,
                GPtrArray *items)
{
  for (guint i = 0; i < self->incoterm_list->len; i++)
    {
      const CsIncotermEntry *e = self->incoterm_list->pdata[i];
      g_ptr_array_add (items, entry_new (e->code, e->name, e->name_zh,
                                         g_strdup (e->sea_only ? _("sea and inland waterway only") : _("any mode"))));
    }
}

static void
list_currencies (CsCatalog *self,
                 GPtrArray *items)
{
  for (guint i = 0; i < self->currency_list->len; i++)
    {
      const CsCurrency *c = self->currency_list->pdata[i];
      g_ptr_array_add (items, entry_new (c->code, c->name, c->name_zh,
                                         c->minor_units >= 0 ? g_strdup_printf ("%d", c->minor_units) : NULL));
    }
}

static void
list_countries (CsCatalog *self,
                GPtrArray *items)
{
  for (guint i = 0; i < self->country_list->len; i++)
    {
      const CsCountry *c = self->country_list->pdata[i];
      g_ptr_array_add (items, entry_new (c->code, c->name, c->name_zh, g_strdup (c->alpha3)));
    }
}

static void
list_reefer_bands (CsCatalog *self,
                   GPtrArray *items)
{
  for (guint i = 0; i < self->band_list->len; i++)
    {
      const CsReeferBand *b = self->band_list->pdata[i];
      char *detail = b->reefer ? g_strdup_printf (_("%g to %g °C"), b->min_c, b->max_c)
                               : g_strdup (_("no reefer"));
      g_ptr_array_add (items, entry_new (b->id, b->name, b->name_zh, detail));
    }
}

static void
list_rules (CsCatalog *self,
            GPtrArray *items)
{
  for (guint i = 0; i < self->rule_ids->len; i++)
    {
      const char *id = self->rule_ids->pdata[i];
      RuleSetting *rs = g_hash_table_lookup (self->rules, id);
      const char *sev = NULL;

      if (rs->has_severity)
        sev = rs->severity < 0 ? "off" : cs_severity_to_string (rs->severity);
      g_ptr_array_add (items, entry_new (id, rs->title, NULL, g_strdup (sev)));
    }
}

static const ListBuilder list_builders[] = {
  [CS_CATALOG_LIST_CORRIDORS] = list_corridors,
  [CS_CATALOG_LIST_LOCODES] = list_locodes,
  [CS_CATALOG_LIST_PACKAGES] = list_packages,
  [CS_CATALOG_LIST_UNITS] = list_units,
  [CS_CATALOG_LIST_SIZE_TYPES] = list_size_types,
  [CS_CATALOG_LIST_HS_CHAPTERS] = list_hs_chapters,
  [CS_CATALOG_LIST_HS_HEADINGS] = list_hs_headings,
  [CS_CATALOG_LIST_DOCUMENTS] = list_documents,
  [CS_CATALOG_LIST_INCOTERMS] = list_incoterms,
  [CS_CATALOG_LIST_CURRENCIES] = list_currencies,
  [CS_CATALOG_LIST_COUNTRIES] = list_countries,
  [CS_CATALOG_LIST_REEFER_BANDS] = list_reefer_bands,
  [CS_CATALOG_LIST_RULES] = list_rules,
};

static GListModel *
build_list (CsCatalog     *self,
            CsCatalogList  list)
{
  GListStore *store = g_list_store_new (CS_TYPE_CATALOG_ENTRY);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  list_builders[list] (self, items);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  g_ptr_array_unref (items);
  return G_LIST_MODEL (store);
}

GListModel *
cs_catalog_get_list (CsCatalog     *self,
                     CsCatalogList  list)
{
  const char *key;
  GListModel *model;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  g_return_val_if_fail (list >= 0 && (guint) list < G_N_ELEMENTS (list_builders), NULL);

  key = cs_enum_to_string (CS_TYPE_CATALOG_LIST, list);   /* interned */
  /* everything else in the catalog is built by its constructor and read-only after; the lists
   * are built on demand, so building and caching them happen under the lock */
  g_mutex_lock (&self->lists_lock);
  model = g_hash_table_lookup (self->lists, key);
  if (model == NULL)
    {
      model = build_list (self, list);
      g_hash_table_insert (self->lists, (gpointer) key, model);
    }
  g_object_ref (model);
  g_mutex_unlock (&self->lists_lock);
  return model;
}

GListModel *
cs_catalog_list (CsCatalog  *self,
                 const char *kind)
{
  CsCatalogList list;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  list = cs_enum_from_string (CS_TYPE_CATALOG_LIST, kind);
  return list != CS_CATALOG_LIST_UNSET ? cs_catalog_get_list (self, list) : NULL;
}

const char *
cs_catalog_localized_title (const char *en,
                            const char *zh)
{
  const char * const *langs = g_get_language_names ();

  if (zh != NULL && zh[0] != '\0' && langs[0] != NULL && g_str_has_prefix (langs[0], "zh"))
    return zh;
  return en;
}
