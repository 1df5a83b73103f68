package io.backline.analytics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A minimal SVG chart: a plot area with a linear x and y scale, gridlines with labels, and primitives for lines,
 * bands and bars. Coordinates are data values; the chart maps them to pixels. Output is plain inline SVG.
 */
final class SvgChart {
    static final int WIDTH = 1100;
    static final int HEIGHT = 260;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;

    private final double minX;
    private final double maxX;
    private final double maxY;
    private final StringBuilder body = new StringBuilder();

    SvgChart(double minX, double maxX, double maxY) {
        this.minX = minX;
        this.maxX = maxX > minX ? maxX : minX + 1;
        this.maxY = maxY > 0 ? maxY : 1;
    }

    double px(double x) {
        return LEFT + (x - minX) / (maxX - minX) * (WIDTH - LEFT - RIGHT);
    }

    double py(double y) {
        return HEIGHT - BOTTOM - y / maxY * (HEIGHT - TOP - BOTTOM);
    }

    /** Pixels per unit of x. */
    double xScale() {
        return (WIDTH - LEFT - RIGHT) / (maxX - minX);
    }

    /** Horizontal gridlines with y labels, and x labels at the given positions. */
    SvgChart axes(DoubleFunction<String> yLabel, List<double[]> xTicks, List<String> xLabels) {
        for (int i = 0; i <= 4; i++) {
            double y = maxY * i / 4;
            body.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>",
                    LEFT, py(y), WIDTH - RIGHT, py(y)));
            body.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>", LEFT - 6, py(y) + 4,
                    Html.escape(yLabel.apply(y))));
        }
        for (int i = 0; i < xTicks.size(); i++) {
            body.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>", px(xTicks.get(i)[0]),
                    HEIGHT - BOTTOM + 18, Html.escape(xLabels.get(i))));
        }
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#9ca3af\" stroke-width=\"1\"/>", LEFT,
                py(0), WIDTH - RIGHT, py(0)));
        return this;
    }

    /** A polyline through {@code points} ({x, y} pairs). */
    SvgChart line(List<double[]> points, String color, double width, String dash, String cssClass) {
        if (points.isEmpty()) {
            return this;
        }
        body.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" stroke=\"").append(color)
                .append("\" stroke-width=\"").append(width).append("\" stroke-linejoin=\"round\"");
        if (dash != null) {
            body.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        body.append(" points=\"").append(coordinates(points)).append("\"/>");
        return this;
    }

    /** A filled band between {@code lower} and {@code upper} (same x values, ascending). */
    SvgChart band(List<double[]> lower, List<double[]> upper, String color, double opacity, String cssClass) {
        if (lower.isEmpty()) {
            return this;
        }
        List<double[]> outline = new ArrayList<>(upper);
        for (int i = lower.size() - 1; i >= 0; i--) {
            outline.add(lower.get(i));
        }
        body.append("<polygon class=\"").append(cssClass).append("\" fill=\"").append(color)
                .append("\" fill-opacity=\"").append(opacity).append("\" stroke=\"none\" points=\"")
                .append(coordinates(outline)).append("\"/>");
        return this;
    }

    /** A bar from {@code y0} to {@code y1} centred on {@code x}, {@code width} pixels wide. */
    SvgChart bar(double x, double y0, double y1, double width, String color, String title) {
        if (y1 <= y0) {
            return this;
        }
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                px(x) - width / 2, py(y1), width, py(y0) - py(y1), color, Html.escape(title)));
        return this;
    }

    /** A dot at {x, y}. */
    SvgChart dot(double x, double y, double radius, String color) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", px(x),
                py(y), radius, color));
        return this;
    }

    /** A vertical marker line at {@code x} with a label. */
    SvgChart marker(double x, String label) {
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#6b7280\" stroke-dasharray=\"2 3\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", px(x), TOP, px(x), HEIGHT - BOTTOM,
                px(x) + 4, TOP + 10, Html.escape(label)));
        return this;
    }

    /** A centred message instead of data. */
    SvgChart message(String text) {
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"empty\">%s"
                + "</text>", WIDTH / 2, HEIGHT / 2, Html.escape(text)));
        return this;
    }

    /** The SVG element, with {@code label} as its accessible name. */
    String toSvg(String id, String label) {
        return "<svg id=\"" + id + "\" role=\"img\" aria-label=\"" + Html.escape(label) + "\" viewBox=\"0 0 " + WIDTH
                + " " + HEIGHT + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\">" + body + "</svg>";
    }

    private String coordinates(List<double[]> points) {
        StringBuilder text = new StringBuilder();
        for (double[] point : points) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(String.format(Locale.ROOT, "%.1f,%.1f", px(point[0]), py(point[1])));
        }
        return text.toString();
    }

    /** The smallest 1, 2, 4, 6, 8 or 10 times a power of ten at or above {@code value}: quarters stay round. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 4, 6, 8, 10}) {
            if (step * power >= value * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** A round top for a byte axis, in whole KiB, MiB, GiB… */
    static double niceBytes(double value) {
        double unit = 1;
        while (value / unit >= 1024) {
            unit *= 1024;
        }
        return niceCeiling(value / unit) * unit;
    }

    /** A round top for a count axis: a multiple of 4, so that every gridline is a whole number. */
    static double niceCount(double value) {
        return value <= 4 ? 4 : niceCeiling(Math.ceil(value / 4)) * 4;
    }

    /** A round top for a seconds axis, in seconds, minutes or hours. */
    static double niceSeconds(double value) {
        double unit = value > 7200 ? 3600 : value > 120 ? 60 : 1;
        return niceCeiling(value / unit) * unit;
    }
}
