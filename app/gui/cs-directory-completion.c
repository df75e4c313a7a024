/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-directory-completion.c: directory matches offered under a text field as the user types */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cs-directory-completion.h"

/* Milliseconds the typing must pause before a search starts. */
#define SEARCH_DELAY_MS 150

struct _CsDirectoryCompletion
{
  GtkPopover                 parent_instance;

  CsContext                 *context;
  CsDirectoryCompletionMode  mode;
  GtkWidget                 *editable;       /* the parent; not a reference */
  GtkEventController        *keys;
  GtkEventController        *focus;
  GPtrArray                 *matches;        /* CsDirectoryParty or CsProduct */
  GCancellable              *cancellable;    /* of the search in flight */
  guint                      generation;     /* of the newest search */
  guint                      delay_id;
  gboolean                   choosing;       /* "chosen" is running: text changes are ours */
  GtkAdjustment             *followed;       /* weak: of the scrolled window around the field */

  /* template */
  GtkListBox                *list;
};

G_DEFINE_FINAL_TYPE (CsDirectoryCompletion, cs_directory_completion, GTK_TYPE_POPOVER)

enum { SIGNAL_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- rows -------------------------------------------------------------------------------- */

static void
add_part (GString    *s,
          const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (s->len > 0)
    g_string_append (s, " · ");
  g_string_append (s, part);
}

/* The match's title (name, or product code) and the line under it. */
static char *
match_texts (CsDirectoryCompletion *self,
             gpointer               match,
             char                 **subtitle)
{
  GString *sub = g_string_new (NULL);
  char *title;

  if (self->mode == CS_DIRECTORY_COMPLETION_PARTIES)
    {
      CsParty *p = ((CsDirectoryParty *) match)->party;
      gboolean has_name = p->name != NULL && *p->name != '\0';

      title = g_strdup (cs_party_display_name (p));
      if (has_name && g_strcmp0 (p->name, p->name_latin) != 0)
        add_part (sub, p->name_latin);
      add_part (sub, p->tax_id);
      add_part (sub, p->country);
    }
  else
    {
      CsProduct *p = match;
      g_autofree char *hs = p->item->hs_code != NULL
                              /* Translators: an HS code in a product's summary ("HS 870380") */
                              ? g_strdup_printf (_("HS %s"), p->item->hs_code) : NULL;

      title = g_strdup (p->code);
      add_part (sub, p->description);
      add_part (sub, p->description_zh);
      add_part (sub, hs);
    }
  *subtitle = g_string_free (sub, FALSE);
  return title != NULL ? title : g_strdup ("");
}

static GtkWidget *
make_row (CsDirectoryCompletion *self,
          gpointer               match)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = match_texts (self, match, &subtitle);
  g_autofree char *label = *subtitle != '\0' ? g_strdup_printf ("%s, %s", title, subtitle)
                                             : g_strdup (title);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (title);

  gtk_widget_set_focusable (row, FALSE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (box), name);
  if (*subtitle != '\0')
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (box), sub);
    }
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static void set_expanded (CsDirectoryCompletion *self,
                          gboolean               expanded);

/* The page under the field scrolled: the list, which would stay where the field was, closes
 * (typing on, or Down, opens it again). */
static void
on_scrolled_cb (CsDirectoryCompletion *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    set_expanded (self, FALSE);
}

/* The field does not place its popover as it moves, so the scrolled window around it is watched. */
static void
follow_scrolling (CsDirectoryCompletion *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (self->editable, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  if (scroller == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (adjustment == self->followed)
    return;
  if (self->followed != NULL)
    g_signal_handlers_disconnect_by_data (self->followed, self);
  g_set_weak_pointer (&self->followed, adjustment);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scrolled_cb), self,
                           G_CONNECT_SWAPPED);
}

/* A popover can only open over a field that is on screen: before its window is mapped onto a
 * monitor, GDK has nowhere to place it (and says so with a critical). */
static gboolean
can_pop_up (CsDirectoryCompletion *self)
{
  GtkWidget *field = GTK_WIDGET (self->editable);
  GtkNative *native;
  GdkSurface *surface;

  if (!gtk_widget_get_mapped (field))
    return FALSE;
  native = gtk_widget_get_native (field);
  surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  return surface != NULL && gdk_surface_get_mapped (surface)
         && gdk_display_get_monitor_at_surface (gtk_widget_get_display (field), surface) != NULL;
}

static void
set_expanded (CsDirectoryCompletion *self,
              gboolean               expanded)
{
  if (expanded && !can_pop_up (self))
    expanded = FALSE;
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->editable), GTK_ACCESSIBLE_STATE_EXPANDED,
                               expanded, -1);
  if (expanded)
    follow_scrolling (self);
  if (expanded)
    gtk_popover_popup (GTK_POPOVER (self));
  else
    gtk_popover_popdown (GTK_POPOVER (self));
}

static void
select_index (CsDirectoryCompletion *self,
              int                    index)
{
  GtkListBoxRow *row = index >= 0 ? gtk_list_box_get_row_at_index (self->list, index) : NULL;

  if (row == NULL)
    gtk_list_box_unselect_all (self->list);
  else
    gtk_list_box_select_row (self->list, row);
  if (row != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->editable),
                                    GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT, row, -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->editable),
                                   GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT);
}

static void
show_matches (CsDirectoryCompletion *self,
              GPtrArray             *matches)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->matches = matches;
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (matches, i)));
  select_index (self, -1);
  set_expanded (self, matches != NULL && matches->len > 0);
}

/* ---- searching --------------------------------------------------------------------------- */

typedef struct
{
  CsDirectoryCompletionMode mode;
  char                     *text;
} SearchJob;

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_free (job->text);
  g_free (job);
}

/* On the store thread: only the job's own copies. */
static gpointer
search_job (CsStore  *store,
            gpointer  data,
            GError  **error)
{
  SearchJob *job = data;

  if (job->mode == CS_DIRECTORY_COMPLETION_PARTIES)
    return cs_directory_search_parties (store, job->text, CS_DIRECTORY_COMPLETION_MAX, error);
  return cs_directory_search_products (store, job->text, CS_DIRECTORY_COMPLETION_MAX, error);
}

/* What the callback gets: the completion by weak reference and the search it answers. */
typedef struct
{
  GWeakRef ref;
  guint    generation;
} SearchReply;

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchReply *reply = user_data;
  g_autoptr(CsDirectoryCompletion) self = g_weak_ref_get (&reply->ref);
  guint generation = reply->generation;
  g_autoptr(GError) error = NULL;
  GPtrArray *matches = NULL;

  g_weak_ref_clear (&reply->ref);
  g_free (reply);
  if (self == NULL)
    return;
  if (!cs_store_thread_run_finish_ok (cs_context_get_store_thread (self->context), result,
                                      (gpointer *) &matches, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && generation == self->generation)
        {
          g_warning ("Directory search failed: %s", error->message);
          show_matches (self, NULL);
        }
      return;
    }
  /* A newer search is on its way: this answer is stale. */
  if (generation != self->generation)
    {
      g_clear_pointer (&matches, g_ptr_array_unref);
      return;
    }
  show_matches (self, matches);
}

static void
start_search (CsDirectoryCompletion *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editable))));
  SearchJob *job;
  SearchReply *reply;

  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
  if (*text == '\0')
    {
      show_matches (self, NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  job = g_new0 (SearchJob, 1);
  job->mode = self->mode;
  job->text = g_steal_pointer (&text);
  reply = g_new0 (SearchReply, 1);
  g_weak_ref_init (&reply->ref, self);
  reply->generation = self->generation;
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), search_job, job,
                             search_job_free, (GDestroyNotify) g_ptr_array_unref,
                             self->cancellable, search_done_cb, reply);
}

static gboolean
search_delay_cb (gpointer data)
{
  CsDirectoryCompletion *self = data;

  self->delay_id = 0;
  start_search (self);
  return G_SOURCE_REMOVE;
}

/* Whether the keyboard focus is in the field (text set by the program elsewhere is not typed). */
static gboolean
editable_has_focus (CsDirectoryCompletion *self)
{
  GtkRoot *root = gtk_widget_get_root (self->editable);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->editable || gtk_widget_is_ancestor (focus, self->editable));
}

static void
on_changed_cb (CsDirectoryCompletion *self)
{
  if (self->choosing || !editable_has_focus (self))
    return;
  g_clear_handle_id (&self->delay_id, g_source_remove);
  self->delay_id = g_timeout_add (SEARCH_DELAY_MS, search_delay_cb, self);
}

/* ---- keyboard and choice ----------------------------------------------------------------- */

void
cs_directory_completion_choose (CsDirectoryCompletion *self,
                                guint                  index)
{
  g_autoptr(GPtrArray) matches = NULL;

  g_return_if_fail (CS_IS_DIRECTORY_COMPLETION (self));
  if (self->matches == NULL || index >= self->matches->len)
    return;
  /* The handlers may refill the field: the matches stay alive through the emission. */
  matches = g_ptr_array_ref (self->matches);
  g_clear_handle_id (&self->delay_id, g_source_remove);
  set_expanded (self, FALSE);
  self->choosing = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, g_ptr_array_index (matches, index));
  self->choosing = FALSE;
}

static void
on_row_activated_cb (CsDirectoryCompletion *self,
                     GtkListBoxRow         *row)
{
  cs_directory_completion_choose (self, gtk_list_box_row_get_index (row));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CsDirectoryCompletion *self)
{
  guint n = self->matches != NULL ? self->matches->len : 0;
  int selected = cs_directory_completion_get_selected (self);
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self)) && n > 0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shown)
        {
          /* Down in a field with text asks for the matches at once. */
          if (*gtk_editable_get_text (GTK_EDITABLE (self->editable)) == '\0')
            return FALSE;
          start_search (self);
          return TRUE;
        }
      select_index (self, selected + 1 < (int) n ? selected + 1 : selected);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        return FALSE;
      select_index (self, selected > 0 ? selected - 1 : -1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!shown || selected < 0)
        return FALSE;
      cs_directory_completion_choose (self, selected);
      return TRUE;
    case GDK_KEY_Escape:
      if (!shown && self->delay_id == 0)
        return FALSE;
      g_clear_handle_id (&self->delay_id, g_source_remove);
      self->generation++;
      set_expanded (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_leave_cb (CsDirectoryCompletion *self)
{
  g_clear_handle_id (&self->delay_id, g_source_remove);
  self->generation++;
  set_expanded (self, FALSE);
}

/* ---- GObject ----------------------------------------------------------------------------- */

/* The field is being disposed: it would keep the popover as a child (a warning when it is
 * finalized), so the popover leaves it, and with the field's reference, goes. */
static void
editable_gone_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  CsDirectoryCompletion *self = data;
  GtkWidget *editable = self->editable;

  g_signal_handlers_disconnect_by_data (editable, self);
  self->editable = NULL;
  gtk_widget_unparent (GTK_WIDGET (self));
}

static void
cs_directory_completion_dispose (GObject *object)
{
  CsDirectoryCompletion *self = CS_DIRECTORY_COMPLETION (object);

  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->editable != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->editable), editable_gone_cb, self);
      g_signal_handlers_disconnect_by_data (self->editable, self);
      gtk_widget_remove_controller (self->editable, self->keys);
      gtk_widget_remove_controller (self->editable, self->focus);
      self->editable = NULL;
    }
  if (self->followed != NULL)
    g_signal_handlers_disconnect_by_data (self->followed, self);
  g_clear_weak_pointer (&self->followed);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), CS_TYPE_DIRECTORY_COMPLETION);

  G_OBJECT_CLASS (cs_directory_completion_parent_class)->dispose (object);
}

static void
cs_directory_completion_finalize (GObject *object)
{
  CsDirectoryCompletion *self = CS_DIRECTORY_COMPLETION (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cs_directory_completion_parent_class)->finalize (object);
}

static void
cs_directory_completion_class_init (CsDirectoryCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_directory_completion_dispose;
  object_class->finalize = cs_directory_completion_finalize;

  /**
   * CsDirectoryCompletion::chosen:
   * @entry: the CsDirectoryParty or CsProduct chosen (borrowed)
   */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/cs-directory-completion.ui");
  gtk_widget_class_bind_template_child (widget_class, CsDirectoryCompletion, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
cs_directory_completion_init (CsDirectoryCompletion *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CsDirectoryCompletion *
cs_directory_completion_new (CsContext                 *context,
                             CsDirectoryCompletionMode  mode,
                             GtkEditable               *editable)
{
  CsDirectoryCompletion *self;

  g_return_val_if_fail (CS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (editable) && GTK_IS_WIDGET (editable), NULL);

  self = g_object_new (CS_TYPE_DIRECTORY_COMPLETION, NULL);
  self->context = g_object_ref (context);
  self->mode = mode;
  self->editable = GTK_WIDGET (editable);
  gtk_widget_set_parent (GTK_WIDGET (self), self->editable);

  /* Capture: the keys reach us before the text inside the field moves its cursor. */
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (self->editable, self->keys);
  self->focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (self->focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (self->editable, self->focus);
  g_signal_connect_swapped (editable, "changed", G_CALLBACK (on_changed_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editable),
                                  GTK_ACCESSIBLE_PROPERTY_AUTOCOMPLETE,
                                  GTK_ACCESSIBLE_AUTOCOMPLETE_LIST,
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->editable), GTK_ACCESSIBLE_RELATION_CONTROLS,
                                  self->list, NULL, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->editable), GTK_ACCESSIBLE_STATE_EXPANDED,
                               FALSE, -1);
  /* The field holds the popover as its child; no widget lets go of a child it did not make. */
  g_object_weak_ref (G_OBJECT (self->editable), editable_gone_cb, self);
  return self;
}

GtkEditable *
cs_directory_completion_get_editable (CsDirectoryCompletion *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_COMPLETION (self), NULL);
  return GTK_EDITABLE (self->editable);
}

CsDirectoryCompletionMode
cs_directory_completion_get_mode (CsDirectoryCompletion *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_COMPLETION (self), CS_DIRECTORY_COMPLETION_PARTIES);
  return self->mode;
}

guint
cs_directory_completion_get_n_matches (CsDirectoryCompletion *self)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_COMPLETION (self), 0);
  return self->matches != NULL ? self->matches->len : 0;
}

gpointer
cs_directory_completion_get_match (CsDirectoryCompletion *self,
                                   guint                  index)
{
  g_return_val_if_fail (CS_IS_DIRECTORY_COMPLETION (self), NULL);
  if (self->matches == NULL || index >= self->matches->len)
    return NULL;
  return g_ptr_array_index (self->matches, index);
}

int
cs_directory_completion_get_selected (CsDirectoryCompletion *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CS_IS_DIRECTORY_COMPLETION (self), -1);
  row = gtk_list_box_get_selected_row (self->list);
  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

void
cs_directory_completion_search_now (CsDirectoryCompletion *self)
{
  g_return_if_fail (CS_IS_DIRECTORY_COMPLETION (self));
  if (self->editable != NULL)
    start_search (self);
}

/* ---- cargo lines ------------------------------------------------------------------------- */

typedef struct
{
  CsDirectoryItemFunc get_item;
  gpointer            user_data;
  GDestroyNotify      destroy;
} ProductTarget;

static void
product_target_free (gpointer  data,
                     GClosure *closure)
{
  ProductTarget *target = data;

  if (target->destroy != NULL)
    target->destroy (target->user_data);
  g_free (target);
}

static void
on_product_chosen_cb (CsDirectoryCompletion *self,
                      CsProduct             *product,
                      ProductTarget         *target)
{
  CsItem *item = target->get_item (target->user_data);
  const char *typed;

  if (item == NULL)
    return;
  /* The description row writes what is typed: a search text is no description of its own. */
  typed = self->editable != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->editable)) : NULL;
  if (item->description != NULL && g_strcmp0 (item->description, typed) == 0)
    cs_record_set_string (CS_RECORD (item), "description", NULL);
  cs_directory_fill_item (item, product, NAN);
}

CsDirectoryCompletion *
cs_directory_completion_attach_product (GtkEditable         *editable,
                                        CsContext           *context,
                                        CsDirectoryItemFunc  get_item,
                                        gpointer             user_data,
                                        GDestroyNotify       destroy)
{
  CsDirectoryCompletion *self;
  ProductTarget *target;

  g_return_val_if_fail (get_item != NULL, NULL);
  self = cs_directory_completion_new (context, CS_DIRECTORY_COMPLETION_PRODUCTS, editable);
  g_return_val_if_fail (self != NULL, NULL);
  target = g_new0 (ProductTarget, 1);
  target->get_item = get_item;
  target->user_data = user_data;
  target->destroy = destroy;
  g_signal_connect_data (self, "chosen", G_CALLBACK (on_product_chosen_cb), target,
                         product_target_free, 0);
  return self;
}
