/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-enums.c: the C enums of cs-enums.h against the model's choice lists, conversions, and
 * the typed accessors of cs-model.h */

#include "config.h"

#include "cs-history.h"
#include "cs-model.h"
#include "cs-test-util.h"

/* Every closed list of the model and the enum that stands for it. */
static const struct
{
  const char * const *choices;
  GType             (*type) (void);
} pairs[] = {
  { cs_manifest_statuses, cs_status_get_type },
  { cs_directions, cs_direction_get_type },
  { cs_preferences, cs_tariff_preference_get_type },
  { cs_modes, cs_mode_get_type },
  { cs_transport_doc_types, cs_transport_doc_type_get_type },
  { cs_categories, cs_category_get_type },
  { cs_powertrains, cs_powertrain_get_type },
  { cs_conditions, cs_condition_get_type },
  { cs_battery_kinds, cs_battery_kind_get_type },
  { cs_chemistries, cs_chemistry_get_type },
  { cs_ethylene_kinds, cs_ethylene_kind_get_type },
  { cs_document_kinds, cs_doc_kind_get_type },
  { cs_party_roles, cs_party_role_get_type },
};

/* The choice list @i and its enum: same nicks, same order, values 0, 1, 2 … */
static void
test_choices_are_nicks (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      GType type = pairs[i].type ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      guint n = g_strv_length ((char **) pairs[i].choices);

      g_test_message ("%s", g_type_name (type));
      g_assert_cmpuint (klass->n_values, ==, n);
      for (guint v = 0; v < n; v++)
        {
          g_assert_cmpint (klass->values[v].value, ==, (int) v);
          g_assert_cmpstr (klass->values[v].value_nick, ==, pairs[i].choices[v]);
          g_assert_cmpint (cs_enum_from_string (type, pairs[i].choices[v]), ==, (int) v);
          g_assert_true (cs_enum_to_string (type, v) == g_intern_string (pairs[i].choices[v]));
        }
    }
}

/* Every enum field of every model type uses one of the lists above, so none can go without
 * its enum. */
static void
test_every_enum_field_has_an_enum (void)
{
  GType types[] = {
    CS_TYPE_PARTY, CS_TYPE_PARTIES, CS_TYPE_VESSEL, CS_TYPE_LEG, CS_TYPE_TRANSPORT_DOCUMENT,
    CS_TYPE_INCOTERM, CS_TYPE_INVOICE, CS_TYPE_REEFER, CS_TYPE_CONTAINER, CS_TYPE_PACKAGES,
    CS_TYPE_SPLIT, CS_TYPE_DG, CS_TYPE_VEHICLE, CS_TYPE_ELECTRONICS, CS_TYPE_MACHINERY,
    CS_TYPE_PERISHABLE, CS_TYPE_ITEM, CS_TYPE_DOCUMENT, CS_TYPE_MANIFEST,
  };
  guint n_enum_fields = 0;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(CsRecordClass) klass = g_type_class_ref (types[t]);

      for (guint f = 0; f < klass->n_fields; f++)
        {
          const CsField *field = &klass->fields[f];
          gboolean found = FALSE;

          if (field->kind != CS_FIELD_ENUM)
            continue;
          n_enum_fields++;
          for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
            found |= field->choices == pairs[i].choices;
          g_test_message ("%s.%s", g_type_name (types[t]), field->name);
          g_assert_true (found);
        }
    }
  g_assert_cmpuint (n_enum_fields, ==, 12);
}

static void
test_conversions (void)
{
  g_assert_cmpstr (cs_enum_to_string (CS_TYPE_BATTERY_KIND, CS_BATTERY_KIND_PACKED_WITH), ==, "packed_with");
  g_assert_cmpstr (cs_enum_to_string (CS_TYPE_POWERTRAIN, CS_POWERTRAIN_PHEV), ==, "PHEV");
  g_assert_cmpstr (cs_enum_to_string (CS_TYPE_CATALOG_LIST, CS_CATALOG_LIST_HS_CHAPTERS), ==, "hs_chapters");
  g_assert_null (cs_enum_to_string (CS_TYPE_STATUS, CS_STATUS_UNSET));
  g_assert_null (cs_enum_to_string (CS_TYPE_STATUS, 17));
  g_assert_cmpint (cs_enum_from_string (CS_TYPE_STATUS, NULL), ==, CS_STATUS_UNSET);
  g_assert_cmpint (cs_enum_from_string (CS_TYPE_STATUS, "Draft"), ==, CS_STATUS_UNSET);
  g_assert_cmpint (cs_enum_from_string (CS_TYPE_STATUS, "DRAFT"), ==, CS_STATUS_UNSET);
  g_assert_cmpint (cs_enum_from_string (CS_TYPE_POWERTRAIN, "ice"), ==, CS_POWERTRAIN_UNSET);
  g_assert_cmpint (cs_enum_from_string (CS_TYPE_MODE, "sea"), ==, CS_MODE_SEA);
}

typedef struct
{
  guint  count;
  char  *field;
} ChangeLog;

static void
on_changed (CsRecord   *root,
            CsRecord   *origin,
            const char *field,
            ChangeLog  *log)
{
  log->count++;
  g_free (log->field);
  log->field = g_strdup (field);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The typed setters write the JSON string through the notifying setter: signals, history. */
static void
test_typed_accessors (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) history = cs_history_new (m);
  CsLeg *leg = CS_MANIFEST_LEG (m, 0);
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  ChangeLog log = { 0 };
  guint notifies = 0;

  g_assert_cmpint (cs_manifest_get_status (m), ==, cs_enum_from_string (CS_TYPE_STATUS, m->status));
  g_assert_cmpint (cs_item_get_category (item), ==, CS_CATEGORY_ELECTRONICS);
  g_assert_true (cs_item_get_category_block (item) == CS_RECORD (item->electronics));

  g_signal_connect (m, "changed", G_CALLBACK (on_changed), &log);
  g_signal_connect (m, "notify::status", G_CALLBACK (count_notify), &notifies);

  cs_manifest_set_status (m, CS_STATUS_ARCHIVED);
  g_assert_true (m->status == g_intern_string ("archived"));
  g_assert_cmpint (cs_manifest_get_status (m), ==, CS_STATUS_ARCHIVED);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (log.field, ==, "status");
  g_assert_cmpuint (notifies, ==, 1);

  /* The same value again says nothing. */
  cs_manifest_set_status (m, CS_STATUS_ARCHIVED);
  g_assert_cmpuint (log.count, ==, 1);

  cs_manifest_set_direction (m, CS_DIRECTION_IMPORT);
  g_assert_cmpstr (m->direction, ==, "import");
  g_assert_cmpint (cs_manifest_get_direction (m), ==, CS_DIRECTION_IMPORT);
  cs_manifest_set_preference (m, CS_TARIFF_PREFERENCE_RCEP);
  g_assert_cmpstr (m->preference, ==, "RCEP");
  g_assert_cmpint (cs_manifest_get_preference (m), ==, CS_TARIFF_PREFERENCE_RCEP);
  cs_leg_set_mode (leg, CS_MODE_RIVER);
  g_assert_cmpstr (leg->mode, ==, "river");
  g_assert_cmpint (cs_leg_get_mode (leg), ==, CS_MODE_RIVER);
  g_assert_cmpstr (log.field, ==, "mode");
  cs_item_set_category (item, CS_CATEGORY_GENERAL);
  g_assert_cmpstr (item->category, ==, "general");
  g_assert_null (cs_item_get_category_block (item));
  g_assert_cmpuint (log.count, ==, 5);

  /* UNSET clears the field. */
  cs_item_set_category (item, CS_CATEGORY_UNSET);
  g_assert_null (item->category);
  g_assert_cmpint (cs_item_get_category (item), ==, CS_CATEGORY_UNSET);
  g_assert_cmpuint (log.count, ==, 6);

  /* Undo walks them back like any other edit. */
  cs_history_seal (history);
  while (cs_history_undo (history, NULL, NULL))
    ;
  g_assert_cmpstr (item->category, ==, "electronics");
  g_assert_cmpint (cs_leg_get_mode (leg), !=, CS_MODE_RIVER);
  g_assert_cmpint (cs_manifest_get_direction (m), ==, CS_DIRECTION_EXPORT);
  g_assert_cmpint (cs_manifest_get_status (m), !=, CS_STATUS_ARCHIVED);

  g_free (log.field);
}

static void
test_documents_and_new_draft (void)
{
  g_autoptr(CsManifest) draft = cs_manifest_new_draft ();
  g_autoptr(CsDocument) doc = cs_document_new ();

  g_assert_cmpint (cs_manifest_get_status (draft), ==, CS_STATUS_DRAFT);
  g_assert_true (draft->status == g_intern_static_string ("draft"));
  g_assert_cmpint (cs_manifest_get_direction (draft), ==, CS_DIRECTION_EXPORT);
  g_assert_cmpint (cs_manifest_get_preference (draft), ==, CS_TARIFF_PREFERENCE_UNSET);

  g_assert_cmpint (cs_document_get_kind (doc), ==, CS_DOC_KIND_UNSET);
  cs_document_set_kind (doc, CS_DOC_KIND_HEALTH_CERTIFICATE);
  g_assert_cmpstr (doc->kind, ==, "health_certificate");
  g_assert_cmpint (cs_document_get_kind (doc), ==, CS_DOC_KIND_HEALTH_CERTIFICATE);
}

/* The translated labels go by the enum; unknown strings come back as they are. */
static void
test_labels (void)
{
  g_assert_cmpstr (cs_status_label ("exported"), ==, "exported");
  g_assert_cmpstr (cs_status_label (NULL), ==, "—");
  g_assert_cmpstr (cs_status_label ("odd"), ==, "odd");
  g_assert_cmpstr (cs_mode_label ("river"), ==, "river");
  g_assert_cmpstr (cs_direction_label ("import"), ==, "import");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enums/choices-are-nicks", test_choices_are_nicks);
  g_test_add_func ("/enums/every-enum-field-has-an-enum", test_every_enum_field_has_an_enum);
  g_test_add_func ("/enums/conversions", test_conversions);
  g_test_add_func ("/enums/typed-accessors", test_typed_accessors);
  g_test_add_func ("/enums/documents-and-new-draft", test_documents_and_new_draft);
  g_test_add_func ("/enums/labels", test_labels);
  return g_test_run ();
}
