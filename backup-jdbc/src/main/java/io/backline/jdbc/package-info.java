/** Backline jdbc module: see DESIGN.md §2. */
package io.backline.jdbc;
