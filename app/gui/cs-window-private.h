/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-window-private.h: state shared by cs-window.c and cs-window-actions.c */
#pragma once

#include "cs-editor-page.h"
#include "cs-review-page.h"
#include "cs-shipment-page.h"
#include "cs-sidebar.h"
#include "cs-window.h"

G_BEGIN_DECLS

enum {
  CS_WINDOW_PAGE_SHIPMENT,
  CS_WINDOW_PAGE_CARGO,
  CS_WINDOW_PAGE_CONTAINERS,
  CS_WINDOW_PAGE_DOCUMENTS,
  CS_WINDOW_PAGE_REVIEW,
  CS_WINDOW_N_PAGES
};

struct _CsWindow
{
  AdwApplicationWindow parent_instance;

  CsContext      *context;
  CsManifest     *manifest;
  CsHistory      *history;
  GSignalGroup   *manifest_signals;  /* "changed" of the open draft */
  GSignalGroup   *history_signals;   /* can-undo, can-redo of its history */
  CsValidation   *validation;
  CsAutosave     *autosave;
  GHashTable     *pending_records;   /* CsRecord → field name (NULL = several) to revalidate */
  guint           revalidate_id;
  GCancellable   *cancellable;       /* the current draft load */
  gpointer        load_waiting;      /* LoadArgs of a load waiting for a pending file to land */
  guint           load_wait_id;
  GCancellable   *window_cancellable;
  char           *restore_page;      /* page to show when the draft being loaded opens */
  gboolean        started;
  gboolean        loading_draft;
  gboolean        replaying;         /* undo or redo is applying a step */
  char           *untouched_new_id;  /* a new draft not edited yet: dropped when left so */
  guint           n_exports;         /* exports running */
  guint           pulse_id;

  /* two clerks, one draft; the server going away */
  GtkWidget      *conflict_dialog;   /* weak: the open "Changed by Someone Else" dialog */
  gboolean        conflict_shown;    /* the dialog was offered for the current conflict */

  /* a deletion waiting for its toast to go */
  char           *pending_delete_id;
  CsManifest     *pending_delete_copy;

  GtkWidget      *sidebar;
  /* Editor pages: a holder in the view stack each; the page itself is built the first time it
   * is shown, and given the draft only while (or when next) it is visible. */
  AdwBin         *page_holders[CS_WINDOW_N_PAGES];
  CsEditorPage   *pages[CS_WINDOW_N_PAGES];
  gboolean        page_stale[CS_WINDOW_N_PAGES];

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwBin               *sidebar_bin;
  AdwHeaderBar         *header_bar;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkImage             *save_icon;
  GtkLabel             *save_label;
  GtkLabel             *status_label;
  GtkWidget            *save_box;
  GtkButton            *counts_button;
  GtkLabel             *counts_label;
  GtkMenuButton        *export_button;
  GtkMenuButton        *menu_button;
  GtkProgressBar       *export_progress;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwFlap              *flap;
  GtkToggleButton      *sidebar_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwStatusPage        *empty_page;
  GtkMenuButton        *empty_new_button;
};

void _cs_window_class_add_actions (GtkWidgetClass *widget_class);
void _cs_window_init_actions      (CsWindow       *self);
void _cs_window_update_actions    (CsWindow       *self);
void _cs_window_toast             (CsWindow       *self,
                                   const char     *text);
void _cs_window_flush_pending_delete (CsWindow    *self);
/* Deletes a draft nobody needs (a new one left without an edit), then reloads the list. */
void _cs_window_discard_draft     (CsWindow       *self,
                                   const char     *id);
void _cs_window_load_templates    (CsWindow       *self);
/* Shows the "Changed by Someone Else" dialog for the conflict the autosave holds (if any). */
void _cs_window_show_conflict     (CsWindow       *self);
/* The open conflict dialog, or NULL (tests). */
GtkWidget *_cs_window_get_conflict_dialog (CsWindow *self);
/* Shows @manifest, a draft just stored at @revision (a duplicate): its saves are checked
 * against that revision from the first one on. */
void       _cs_window_adopt_stored (CsWindow   *self,
                                    CsManifest *manifest,
                                    gint64      revision);

G_END_DECLS
