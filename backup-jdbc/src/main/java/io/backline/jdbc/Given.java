package io.backline.jdbc;

import java.util.function.Consumer;

/** Applies optional settings to a builder: a null value means "not given" and leaves the builder's default. */
final class Given {
    private Given() {
    }

    static <T> void ifGiven(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
