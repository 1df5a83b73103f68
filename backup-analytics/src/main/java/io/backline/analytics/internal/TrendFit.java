package io.backline.analytics.internal;

import java.util.Arrays;

/**
 * A Theil–Sen line through (x, y) points: slope the median of the pairwise slopes, intercept the median of
 * {@code y - slope * x}, with the residual scatter and the leverage terms needed for a prediction band.
 *
 * @param slope     y per unit of x
 * @param intercept y at x = 0
 * @param sigma     residual standard deviation, {@code sqrt(sum(r^2) / (n - 2))}
 * @param n         points fitted
 * @param meanX     mean of x
 * @param sxx       sum of squared deviations of x from its mean
 */
public record TrendFit(double slope, double intercept, double sigma, int n, double meanX, double sxx) {

    /** Fits a line through at least 2 points with distinct x values. */
    public static TrendFit theilSen(double[] x, double[] y) {
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[j] - x[i];
                if (dx != 0) {
                    slopes[count++] = (y[j] - y[i]) / dx;
                }
            }
        }
        double slope = count == 0 ? 0 : median(Arrays.copyOf(slopes, count));
        double[] offsets = new double[n];
        double meanX = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = y[i] - slope * x[i];
            meanX += x[i];
        }
        meanX /= n;
        double intercept = median(offsets);
        double squares = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double residual = y[i] - (intercept + slope * x[i]);
            squares += residual * residual;
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }
        double sigma = n > 2 ? Math.sqrt(squares / (n - 2)) : 0;
        return new TrendFit(slope, intercept, sigma, n, meanX, sxx);
    }

    /** The line at {@code x}. */
    public double at(double x) {
        return intercept + slope * x;
    }

    /**
     * The 95% half-width for the sum of {@code m} future values whose x values average {@code meanFutureX}: each
     * value scatters around the line, and the line itself is uncertain (shared by all {@code m}).
     */
    public double halfWidthOfSum(int m, double meanFutureX) {
        if (m == 0 || sigma == 0) {
            return 0;
        }
        double leverage = 1.0 / n + (sxx == 0 ? 0 : (meanFutureX - meanX) * (meanFutureX - meanX) / sxx);
        double variance = sigma * sigma * (m + (double) m * m * leverage);
        return StudentT.quantile975(Math.max(1, n - 2)) * Math.sqrt(variance);
    }

    static double median(double[] values) {
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
