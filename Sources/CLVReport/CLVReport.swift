/// CLVReport: renders run results as JSON, CSV and a self-contained HTML report.
public enum CLVReport {}
