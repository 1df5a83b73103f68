/** Backline verify module: see DESIGN.md §2. */
package io.backline.verify;
