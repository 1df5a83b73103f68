package io.backline.jdbc.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a SQL script into statements at semicolons that are outside string literals ({@code '…'} with
 * {@code ''}), quoted identifiers ({@code "…"}), dollar-quoted bodies ({@code $$…$$}), line comments
 * ({@code -- …}) and block comments ({@code /* … *&#47;}). Holds one statement at a time, never the script.
 * Comments stay with the statement that follows them; a chunk holding only comments is skipped.
 */
public final class SqlScriptReader {
    private final Reader in;
    private int pushedBack = -2;

    public SqlScriptReader(Reader in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        if (pushedBack == -2) {
            pushedBack = in.read();
        }
        return pushedBack;
    }

    /** The next statement without its semicolon, or null at the end of the script. */
    public String next() throws IOException {
        StringBuilder statement = new StringBuilder();
        int c;
        while ((c = read()) != -1) {
            if (c == ';') {
                String text = statement.toString().strip();
                if (text.isEmpty() || isOnlyComments(text)) {
                    statement.setLength(0);
                    continue;
                }
                return text;
            }
            statement.append((char) c);
            switch (c) {
                case '\'' -> copyQuoted(statement, '\'');
                case '"' -> copyQuoted(statement, '"');
                case '-' -> {
                    if (peek() == '-') {
                        copyUntilNewline(statement);
                    }
                }
                case '/' -> {
                    if (peek() == '*') {
                        copyBlockComment(statement);
                    }
                }
                case '$' -> {
                    if (peek() == '$') {
                        statement.append((char) read());
                        copyDollarQuoted(statement);
                    }
                }
                default -> {
                    // Ordinary text.
                }
            }
        }
        String rest = statement.toString().strip();
        return rest.isEmpty() || isOnlyComments(rest) ? null : rest;
    }

    private void copyQuoted(StringBuilder statement, char quote) throws IOException {
        int c;
        while ((c = read()) != -1) {
            statement.append((char) c);
            if (c == quote) {
                if (peek() == quote) {
                    statement.append((char) read());
                } else {
                    return;
                }
            }
        }
        throw new IOException("the script ends inside a quoted text");
    }

    private void copyUntilNewline(StringBuilder statement) throws IOException {
        int c;
        while ((c = read()) != -1) {
            statement.append((char) c);
            if (c == '\n') {
                return;
            }
        }
    }

    private void copyBlockComment(StringBuilder statement) throws IOException {
        statement.append((char) read());
        int previous = 0;
        int c;
        while ((c = read()) != -1) {
            statement.append((char) c);
            if (previous == '*' && c == '/') {
                return;
            }
            previous = c;
        }
        throw new IOException("the script ends inside a comment");
    }

    private void copyDollarQuoted(StringBuilder statement) throws IOException {
        int previous = 0;
        int c;
        while ((c = read()) != -1) {
            statement.append((char) c);
            if (previous == '$' && c == '$') {
                return;
            }
            previous = c;
        }
        throw new IOException("the script ends inside a $$ body");
    }

    private static boolean isOnlyComments(String text) {
        String rest = text;
        while (!rest.isEmpty()) {
            if (rest.startsWith("--")) {
                int newline = rest.indexOf('\n');
                rest = newline < 0 ? "" : rest.substring(newline + 1).strip();
            } else if (rest.startsWith("/*")) {
                int end = rest.indexOf("*/");
                rest = end < 0 ? "" : rest.substring(end + 2).strip();
            } else {
                return false;
            }
        }
        return true;
    }
}
