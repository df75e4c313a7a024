/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-form-rows.c: form rows declared in GtkBuilder XML and configured by their properties
 *
 * A CsFieldRow takes its unit, placeholder and picker list from properties (the picker lists
 * nothing until the row gets a catalog, then the catalog's list); a CsChoiceRow takes its
 * values from an enum GType and its labels from a GtkStringList, and writes the enum's nick;
 * the picker's list is a CsPickerList, and the constructors' list names still work; a
 * CsSwitchRow takes its field from a property and names its switch by its title.
 */

#include "config.h"

#include "cs-catalog.h"
#include "cs-choice-row.h"
#include "cs-field-row.h"
#include "cs-gui-test.h"
#include "cs-model.h"
#include "cs-picker.h"

static gboolean have_display;
static CsCatalog *catalog;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static const char rows_ui[] =
  "<interface>"
  "  <object class='AdwPreferencesGroup' id='group'>"
  "    <child>"
  "      <object class='CsFieldRow' id='gross'>"
  "        <property name='title'>Gross weight</property>"
  "        <property name='field'>gross_kg</property>"
  "        <property name='unit'>kg</property>"
  "        <property name='placeholder'>0.0</property>"
  "      </object>"
  "    </child>"
  "    <child>"
  "      <object class='CsFieldRow' id='origin'>"
  "        <property name='title'>Country of origin</property>"
  "        <property name='field'>origin_country</property>"
  "        <property name='picker-list'>countries</property>"
  "      </object>"
  "    </child>"
  "    <child>"
  "      <object class='CsFieldRow' id='hs'>"
  "        <property name='title'>HS code</property>"
  "        <property name='field'>hs_code</property>"
  "        <property name='picker-list'>hs</property>"
  "      </object>"
  "    </child>"
  "    <child>"
  "      <object class='CsChoiceRow' id='category'>"
  "        <property name='title'>Category</property>"
  "        <property name='field'>category</property>"
  "        <property name='enum-type'>CsCategory</property>"
  "        <property name='labels'>"
  "          <object class='GtkStringList'>"
  "            <items>"
  "              <item>Vehicle</item><item>Electronics</item><item>Machinery</item>"
  "              <item>Perishable</item><item>General cargo</item>"
  "            </items>"
  "          </object>"
  "        </property>"
  "      </object>"
  "    </child>"
  "    <child>"
  "      <object class='CsChoiceRow' id='powertrain'>"
  "        <property name='title'>Powertrain</property>"
  "        <property name='field'>vehicle.powertrain</property>"
  "        <property name='enum-type'>CsPowertrain</property>"
  "      </object>"
  "    </child>"
  "    <child>"
  "      <object class='CsSwitchRow' id='frozen'>"
  "        <property name='title'>Frozen</property>"
  "        <property name='field'>perishable.frozen</property>"
  "      </object>"
  "    </child>"
  "  </object>"
  "</interface>";

static GtkBuilder *
load_rows (void)
{
  g_autoptr(GError) error = NULL;
  GtkBuilder *builder;

  g_type_ensure (CS_TYPE_FIELD_ROW);
  g_type_ensure (CS_TYPE_CHOICE_ROW);
  g_type_ensure (CS_TYPE_SWITCH_ROW);
  g_type_ensure (CS_TYPE_CATEGORY);
  g_type_ensure (CS_TYPE_POWERTRAIN);
  builder = gtk_builder_new ();
  gtk_builder_add_from_string (builder, rows_ui, -1, &error);
  g_assert_no_error (error);
  return builder;
}

static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_text (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_field_row_properties (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(CsItem) item = cs_item_new ();
  CsFieldRow *gross;
  GtkWidget *unit;
  g_autofree char *placeholder = NULL;

  NEED_DISPLAY ();
  builder = load_rows ();
  gross = CS_FIELD_ROW (gtk_builder_get_object (builder, "gross"));
  g_assert_cmpstr (cs_field_row_get_field (gross), ==, "gross_kg");
  g_assert_cmpstr (cs_field_row_get_unit (gross), ==, "kg");
  unit = find_label_text (GTK_WIDGET (gross), "kg");
  g_assert_nonnull (unit);
  g_assert_true (gtk_widget_get_visible (unit));
  g_assert_true (gtk_widget_has_css_class (unit, "dim-label"));
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (cs_field_row_get_text_widget (gross))), ==, "0.0");
  g_object_get (gross, "placeholder", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "0.0");
  /* No picker without a picker list. */
  g_assert_null (cs_picker_row_get_picker (gross));

  /* The unit goes when it is emptied, comes back when set. */
  cs_field_row_set_unit (gross, NULL);
  g_assert_null (cs_field_row_get_unit (gross));
  g_assert_false (gtk_widget_get_visible (unit));
  cs_field_row_set_unit (gross, "t");
  g_assert_true (gtk_widget_get_visible (unit));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (unit)), ==, "t");

  /* Bound, the row edits its field as a row made in C does. */
  cs_field_row_bind (gross, CS_RECORD (item), "items[0].gross_kg", NULL);
  gtk_editable_set_text (GTK_EDITABLE (gross), "1250.5");
  g_assert_cmpfloat (item->gross_kg, ==, 1250.5);
}

static void
test_picker_row_properties (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(CsItem) item = cs_item_new ();
  CsFieldRow *origin, *hs;
  CsPicker *picker;
  CsPickerList list;
  GListModel *results;

  NEED_DISPLAY ();
  builder = load_rows ();
  origin = CS_FIELD_ROW (gtk_builder_get_object (builder, "origin"));
  picker = cs_picker_row_get_picker (origin);
  g_assert_nonnull (picker);
  g_assert_cmpint (cs_picker_get_list (picker), ==, CS_PICKER_LIST_COUNTRIES);
  g_object_get (origin, "picker-list", &list, NULL);
  g_assert_cmpint (list, ==, CS_PICKER_LIST_COUNTRIES);
  /* No catalog yet: nothing listed. */
  results = cs_picker_get_results (picker);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  /* The catalog given late: the countries. */
  cs_field_row_set_catalog (origin, catalog);
  cs_picker_set_search_text (picker, "Viet Nam");
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  cs_field_row_bind (origin, CS_RECORD (item), "items[0].origin_country", NULL);
  cs_picker_set_search_text (picker, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CsCatalogEntry) e = g_list_model_get_item (results, i);

      if (g_strcmp0 (cs_catalog_entry_get_code (e), "VN") == 0)
        cs_picker_choose_result (picker, i);
    }
  g_assert_cmpstr (item->origin_country, ==, "VN");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (origin)), ==, "VN");

  /* The HS list: chapters and headings; a chapter chosen narrows instead of setting a code. */
  hs = CS_FIELD_ROW (gtk_builder_get_object (builder, "hs"));
  g_object_set (hs, "catalog", catalog, NULL);
  picker = cs_picker_row_get_picker (hs);
  g_assert_cmpint (cs_picker_get_list (picker), ==, CS_PICKER_LIST_HS);
  g_assert_nonnull (cs_picker_lookup (picker, "08"));
  g_assert_nonnull (cs_picker_lookup (picker, "0808"));
}

/* The lists by the names the C constructors take, the HS list by its former name too. */
static void
test_picker_list_names (void)
{
  const struct { const char *kind; CsPickerList list; } cases[] = {
    { "locodes", CS_PICKER_LIST_LOCODES },
    { "countries", CS_PICKER_LIST_COUNTRIES },
    { "currencies", CS_PICKER_LIST_CURRENCIES },
    { "incoterms", CS_PICKER_LIST_INCOTERMS },
    { "packages", CS_PICKER_LIST_PACKAGES },
    { "units", CS_PICKER_LIST_UNITS },
    { "size_types", CS_PICKER_LIST_SIZE_TYPES },
    { "hs", CS_PICKER_LIST_HS },
  };

  NEED_DISPLAY ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *picker = g_object_ref_sink (cs_picker_new (catalog, cases[i].kind));
      GtkWidget *row = g_object_ref_sink (cs_picker_row_new ("Code", catalog, cases[i].kind));
      g_autofree char *kind = NULL;

      g_assert_cmpint (cs_picker_get_list (CS_PICKER (picker)), ==, cases[i].list);
      g_assert_cmpint (cs_picker_get_list (cs_picker_row_get_picker (CS_FIELD_ROW (row))), ==, cases[i].list);
      /* Every list is in the catalog. */
      g_assert_cmpuint (g_list_model_get_n_items (cs_picker_get_results (CS_PICKER (picker))), >, 0);
      g_object_get (picker, "kind", &kind, NULL);
      g_assert_cmpstr (kind, ==, cs_enum_to_string (CS_TYPE_PICKER_LIST, cases[i].list));
      g_object_unref (row);
      g_object_unref (picker);
    }
}

static void
test_choice_row_properties (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(CsItem) item = cs_item_new ();
  CsChoiceRow *category, *powertrain;
  GListModel *model;
  GType type;

  NEED_DISPLAY ();
  builder = load_rows ();
  category = CS_CHOICE_ROW (gtk_builder_get_object (builder, "category"));
  g_assert_cmpstr (cs_choice_row_get_field (category), ==, "category");
  g_object_get (category, "enum-type", &type, NULL);
  g_assert_true (type == CS_TYPE_CATEGORY);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (category));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);   /* Not set + five */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Not set");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 4), ==, "Perishable");

  /* Writes the enum's nick; follows the model. */
  cs_choice_row_bind (category, CS_RECORD (item), "items[0].category", NULL);
  g_assert_null (cs_choice_row_get_value (category));
  adw_combo_row_set_selected (ADW_COMBO_ROW (category), 4);
  g_assert_cmpstr (item->category, ==, "perishable");
  cs_item_set_category (item, CS_CATEGORY_MACHINERY);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (category)), ==, 3);
  g_assert_cmpstr (cs_choice_row_get_value (category), ==, "machinery");

  /* Without labels the nicks show; a missing block is made on the first choice. */
  powertrain = CS_CHOICE_ROW (gtk_builder_get_object (builder, "powertrain"));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (powertrain));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 4), ==, "BEV");
  cs_choice_row_bind (powertrain, CS_RECORD (item), "items[0].vehicle.powertrain", NULL);
  g_assert_null (item->vehicle);
  adw_combo_row_set_selected (ADW_COMBO_ROW (powertrain), 4);
  g_assert_nonnull (item->vehicle);
  g_assert_cmpstr (item->vehicle->powertrain, ==, "BEV");
}

static void
test_switch_row_properties (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(CsItem) item = cs_item_new ();
  CsSwitchRow *frozen;
  GtkSwitch *toggle;

  NEED_DISPLAY ();
  builder = load_rows ();
  frozen = CS_SWITCH_ROW (gtk_builder_get_object (builder, "frozen"));
  g_assert_cmpstr (cs_switch_row_get_field (frozen), ==, "perishable.frozen");
  toggle = cs_switch_row_get_switch (frozen);
  gtk_test_accessible_assert_property (toggle, GTK_ACCESSIBLE_PROPERTY_LABEL, "Frozen");

  /* Unbound it is insensitive; bound, switching it on makes the missing block. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (frozen)));
  cs_switch_row_bind (frozen, CS_RECORD (item), "items[0].perishable.frozen", NULL);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (frozen)));
  g_assert_null (item->perishable);
  gtk_switch_set_active (toggle, TRUE);
  g_assert_nonnull (item->perishable);
  g_assert_true (item->perishable->frozen);
  cs_record_set_boolean (CS_RECORD (item->perishable), "frozen", FALSE);
  g_assert_false (gtk_switch_get_active (toggle));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  have_display = cs_gui_test_init (&argc, &argv, NULL, NULL);
  catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_add_func ("/form-rows/field-row", test_field_row_properties);
  g_test_add_func ("/form-rows/picker-row", test_picker_row_properties);
  g_test_add_func ("/form-rows/picker-list-names", test_picker_list_names);
  g_test_add_func ("/form-rows/choice-row", test_choice_row_properties);
  g_test_add_func ("/form-rows/switch-row", test_switch_row_properties);
  status = g_test_run ();
  g_clear_object (&catalog);
  return status;
}
