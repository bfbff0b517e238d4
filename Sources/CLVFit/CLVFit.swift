/// CLVFit: maximum-likelihood estimation of model parameters from a company's own data.
public enum CLVFit {}
