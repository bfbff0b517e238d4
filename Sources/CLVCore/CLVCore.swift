/// CLVCore: the scenario model, its validation, the simulation kernel and the statistics.
/// Pure: no file or terminal I/O.
public enum CLVCore {}
