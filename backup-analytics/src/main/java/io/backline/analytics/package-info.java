/** Backline analytics module: see DESIGN.md §2. */
package io.backline.analytics;
