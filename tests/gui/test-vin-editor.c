/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-vin-editor.c: CsVinEditor assigns each VIN its container from a pasted second column */

#include "config.h"

#include "cs-gui-test.h"
#include "cs-history.h"
#include "cs-item-pane.h"
#include "cs-model.h"
#include "cs-vin-editor.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static GtkWidget *
editor_for (CsItem *item)
{
  GtkWidget *editor = cs_vin_editor_new ();

  g_object_ref_sink (editor);
  cs_vin_editor_bind (CS_VIN_EDITOR (editor), item, "items[0]", NULL);
  return editor;
}

static char *
buffer_text (GtkWidget *editor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cs_vin_editor_get_text_view (CS_VIN_EDITOR (editor)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Two columns from a spreadsheet (Tab) or a CSV (comma): the container is the VIN's box, not
 * a VIN of its own; a line with a VIN alone names no box. */
static void
test_paste_two_columns (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GtkWidget) editor = NULL;
  const char * const *boxes;
  g_autofree char *text = NULL;

  NEED_DISPLAY ();
  editor = editor_for (item);
  cs_vin_editor_paste_text (CS_VIN_EDITOR (editor),
                            "LC0CE4CB0TC104211\tTGHU8305127\n"
                            "lc0ce4cb2tc104212,fscu4719060\n"
                            "LC0CE4CB4TC104213\n");
  g_assert_cmpuint (cs_vin_editor_get_n_vins (CS_VIN_EDITOR (editor)), ==, 3);
  g_assert_nonnull (item->vehicle);
  g_assert_cmpuint (g_strv_length (item->vehicle->vins), ==, 3);
  g_assert_cmpstr (item->vehicle->vins[1], ==, "LC0CE4CB2TC104212");
  boxes = (const char * const *) item->vehicle->vin_containers;
  g_assert_cmpstr (cs_tagged_container (boxes, 0), ==, "TGHU8305127");
  g_assert_cmpstr (cs_tagged_container (boxes, 1), ==, "FSCU4719060");
  g_assert_null (cs_tagged_container (boxes, 2));

  /* Rebinding shows the model back as two columns. */
  cs_vin_editor_bind (CS_VIN_EDITOR (editor), item, "items[0]", NULL);
  text = buffer_text (editor);
  g_assert_cmpstr (text, ==, "LC0CE4CB0TC104211\tTGHU8305127\nLC0CE4CB2TC104212\tFSCU4719060\nLC0CE4CB4TC104213");

  /* A change in the model (undo, another page) shows at once. */
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers",
                      (const char * const []) { "", "", "CSQU3054383", NULL });
  g_clear_pointer (&text, g_free);
  text = buffer_text (editor);
  g_assert_cmpstr (text, ==, "LC0CE4CB0TC104211\nLC0CE4CB2TC104212\nLC0CE4CB4TC104213\tCSQU3054383");
  g_assert_cmpuint (cs_vin_editor_get_n_vins (CS_VIN_EDITOR (editor)), ==, 3);
}

/* Two VINs on one line are two cars, never a car and its box. */
static void
test_two_vins_on_a_line (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GtkWidget) editor = NULL;

  NEED_DISPLAY ();
  editor = editor_for (item);
  cs_vin_editor_paste_text (CS_VIN_EDITOR (editor), "LC0CE4CB0TC104211, LC0CE4CB2TC104212\n");
  g_assert_cmpuint (g_strv_length (item->vehicle->vins), ==, 2);
  g_assert_null (item->vehicle->vin_containers);
}

/* Cars n..m into one container at once; the text shows the boxes; a bad range changes nothing. */
static void
test_assign_range (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GtkWidget) editor = NULL;
  g_autofree char *text = NULL;
  const char * const *boxes;

  NEED_DISPLAY ();
  editor = editor_for (item);
  cs_vin_editor_paste_text (CS_VIN_EDITOR (editor),
                            "LC0CE4CB0TC104211\nLC0CE4CB2TC104212\nLC0CE4CB4TC104213\nLC0CE4CB6TC104214\n");
  g_assert_true (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 2, 3, " tghu8305127 "));
  boxes = (const char * const *) item->vehicle->vin_containers;
  g_assert_null (cs_tagged_container (boxes, 0));
  g_assert_cmpstr (cs_tagged_container (boxes, 1), ==, "TGHU8305127");
  g_assert_cmpstr (cs_tagged_container (boxes, 2), ==, "TGHU8305127");
  g_assert_null (cs_tagged_container (boxes, 3));
  text = buffer_text (editor);
  g_assert_cmpstr (text, ==, "LC0CE4CB0TC104211\nLC0CE4CB2TC104212\tTGHU8305127\n"
                             "LC0CE4CB4TC104213\tTGHU8305127\nLC0CE4CB6TC104214");
  g_assert_false (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 3, 5, "FSCU4719060"));
  g_assert_false (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 0, 1, "FSCU4719060"));
  g_assert_cmpstr (cs_tagged_container ((const char * const *) item->vehicle->vin_containers, 2), ==,
                   "TGHU8305127");
  /* "" takes them out again; no box left means no vector at all */
  g_assert_true (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 1, 4, ""));
  g_assert_null (item->vehicle->vin_containers);
}

/* Each VIN editor action is one undo step: a paste of VINs with their boxes (both vectors), even
 * right after typing a VIN, and each range assignment, even right after another. The burst
 * window is long so that any merge the history would make, it makes here. */
static void
test_one_undo_step (void)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(CsHistory) h = NULL;
  g_autoptr(GtkWidget) editor = NULL;
  const char *typed = "LC0CE4CB0TC104211\n";
  const char * const *boxes;
  guint n_typed;

  NEED_DISPLAY ();
  cs_list_append (m->items, item);
  h = cs_history_new (m);
  cs_history_set_burst_timeout (h, 60000);
  editor = editor_for (item);

  /* typed key by key (the first key also makes the vehicle block) */
  for (const char *p = typed; *p; p++)
    {
      char key[2] = { *p, 0 };
      cs_vin_editor_paste_text (CS_VIN_EDITOR (editor), key);
      cs_gui_test_spin ();
    }
  n_typed = cs_history_get_n_undo (h);
  g_assert_cmpuint (n_typed, <=, 2);

  cs_vin_editor_paste_text (CS_VIN_EDITOR (editor),
                            "LC0CE4CB2TC104212\tTGHU8305127\n"
                            "LC0CE4CB4TC104213\tTGHU8305127\n"
                            "LC0CE4CB6TC104214\tFSCU4719060\n");
  cs_gui_test_spin ();
  g_assert_cmpuint (g_strv_length (item->vehicle->vins), ==, 4);
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, n_typed + 1);

  /* two assignments, one after the other */
  g_assert_true (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 1, 4, "CSQU3054383"));
  cs_gui_test_spin ();
  g_assert_true (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 3, 4, "CMAU5120770"));
  cs_gui_test_spin ();
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, n_typed + 3);

  /* one Undo, one action */
  g_assert_true (cs_history_undo (h, NULL, NULL));
  boxes = (const char * const *) item->vehicle->vin_containers;
  g_assert_cmpstr (cs_tagged_container (boxes, 3), ==, "CSQU3054383");
  g_assert_true (cs_history_undo (h, NULL, NULL));
  boxes = (const char * const *) item->vehicle->vin_containers;
  g_assert_null (cs_tagged_container (boxes, 0));
  g_assert_cmpstr (cs_tagged_container (boxes, 1), ==, "TGHU8305127");
  g_assert_cmpstr (cs_tagged_container (boxes, 3), ==, "FSCU4719060");
  g_assert_cmpuint (g_strv_length (item->vehicle->vins), ==, 4);
  /* the paste goes as a whole: its VINs and their boxes, the typed VIN stays */
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpuint (g_strv_length (item->vehicle->vins), ==, 1);
  g_assert_cmpstr (item->vehicle->vins[0], ==, "LC0CE4CB0TC104211");
  g_assert_null (item->vehicle->vin_containers);
  g_assert_cmpuint (cs_vin_editor_get_n_vins (CS_VIN_EDITOR (editor)), ==, 1);
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, n_typed);
}

/* A machinery line's serial numbers: any text, kept as typed and never checked as a VIN, with
 * the same two-column paste and range assignment into item.machinery.serial_containers; the
 * item pane edits them with this editor. */
static void
test_serials (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GtkWidget) editor = NULL;
  g_autoptr(GtkWidget) pane = NULL;
  const char * const *boxes;
  g_autofree char *text = NULL;
  GtkWidget *row;
  gboolean serials = FALSE;

  NEED_DISPLAY ();
  editor = g_object_ref_sink (cs_vin_editor_new_serials ());
  cs_vin_editor_bind (CS_VIN_EDITOR (editor), item, "items[0]", NULL);
  cs_vin_editor_paste_text (CS_VIN_EDITOR (editor),
                            "SN-2026-0001\tTGHU8305127\n"
                            "sn-2026-0002,fscu4719060\n"
                            "X7\n");
  g_assert_cmpuint (cs_vin_editor_get_n_vins (CS_VIN_EDITOR (editor)), ==, 3);
  g_assert_cmpuint (cs_vin_editor_get_n_invalid (CS_VIN_EDITOR (editor)), ==, 0);
  g_assert_cmpint (cs_vin_editor_get_status (CS_VIN_EDITOR (editor), 2), ==, CS_VIN_OK);
  g_assert_null (item->vehicle);
  g_assert_nonnull (item->machinery);
  g_assert_cmpuint (g_strv_length (item->machinery->serials), ==, 3);
  g_assert_cmpstr (item->machinery->serials[0], ==, "SN-2026-0001");
  g_assert_cmpstr (item->machinery->serials[1], ==, "sn-2026-0002");
  g_assert_cmpstr (item->machinery->serials[2], ==, "X7");
  boxes = (const char * const *) item->machinery->serial_containers;
  g_assert_cmpstr (cs_tagged_container (boxes, 0), ==, "TGHU8305127");
  g_assert_cmpstr (cs_tagged_container (boxes, 1), ==, "FSCU4719060");
  g_assert_null (cs_tagged_container (boxes, 2));

  g_assert_true (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 2, 3, "CSQU3054383"));
  boxes = (const char * const *) item->machinery->serial_containers;
  g_assert_cmpstr (cs_tagged_container (boxes, 0), ==, "TGHU8305127");
  g_assert_cmpstr (cs_tagged_container (boxes, 2), ==, "CSQU3054383");
  text = buffer_text (editor);
  g_assert_cmpstr (text, ==, "SN-2026-0001\tTGHU8305127\nsn-2026-0002\tCSQU3054383\nX7\tCSQU3054383");
  g_assert_false (cs_vin_editor_assign_range (CS_VIN_EDITOR (editor), 2, 4, "CSQU3054383"));

  /* the item pane's serial numbers are this editor, showing the line's list */
  pane = g_object_ref_sink (cs_item_pane_new (store.context));
  cs_item_pane_set_item (CS_ITEM_PANE (pane), item, 0, NULL);
  row = cs_item_pane_get_row (CS_ITEM_PANE (pane), "machinery.serials");
  g_assert_true (CS_IS_VIN_EDITOR (row));
  g_object_get (row, "serials", &serials, NULL);
  g_assert_true (serials);
  g_assert_cmpuint (cs_vin_editor_get_n_vins (CS_VIN_EDITOR (row)), ==, 3);
  g_assert_true (gtk_widget_get_sensitive (row));
  cs_item_pane_set_item (CS_ITEM_PANE (pane), NULL, 0, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-vin-editor-XXXXXX");

  g_test_add_func ("/vin-editor/paste-two-columns", test_paste_two_columns);
  g_test_add_func ("/vin-editor/two-vins-on-a-line", test_two_vins_on_a_line);
  g_test_add_func ("/vin-editor/assign-range", test_assign_range);
  g_test_add_func ("/vin-editor/one-undo-step", test_one_undo_step);
  g_test_add_func ("/vin-editor/serials", test_serials);

  status = g_test_run ();
  cs_gui_test_store_close (&store);
  return status;
}
