/// Helpers shared by clvsim's test targets.
public enum CLVTestSupport {}
