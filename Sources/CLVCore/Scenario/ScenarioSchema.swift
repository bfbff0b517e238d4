/// The JSON Schema (draft 2020-12) of scenario files, for editors and other tools.
///
/// The schema describes the structure: keys, types, required keys, enumerations and the bounds
/// that do not depend on other values. `ScenarioReader` checks everything the schema checks and
/// more (distribution domains, names that must exist, periods within the horizon, positive
/// definite correlations), so a file the reader accepts always satisfies the schema.
public enum ScenarioSchema {
    /// The schema as JSON text; `clvsim schema` prints it.
    public static let json: String = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:clvsim:scenario:1",
  "title": "clvsim scenario (schemaVersion 1)",
  "description": "A clvsim scenario: customer segments, acquisition plans, correlations and strategies. See docs/scenario-format.md. `clvsim validate` checks further rules (domains of distributions, names that must exist, limits that depend on the horizon).",
  "type": "object",
  "required": [
    "schemaVersion",
    "name",
    "horizonPeriods",
    "annualDiscountRate",
    "segments"
  ],
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string",
      "description": "Path or URL of this schema, for editors; ignored by clvsim."
    },
    "schemaVersion": {
      "const": 1,
      "description": "Format version; must be 1."
    },
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": \#(ScenarioLimits.maximumNameLength),
      "description": "Short name of the scenario; results go to results/<name>/. No dots, slashes or control characters."
    },
    "description": {
      "type": "string",
      "minLength": 1,
      "maxLength": 100000,
      "description": "Free text for readers."
    },
    "currency": {
      "type": "string",
      "minLength": 1,
      "maxLength": 16,
      "description": "Currency code used to label money, e.g. \"EUR\"."
    },
    "periodsPerYear": {
      "type": "integer",
      "minimum": \#(ScenarioLimits.periodsPerYear.lowerBound),
      "maximum": \#(ScenarioLimits.periodsPerYear.upperBound),
      "default": 12,
      "description": "Periods per year: 12 monthly, 4 quarterly, 1 yearly. Default 12."
    },
    "horizonPeriods": {
      "type": "integer",
      "minimum": 1,
      "maximum": \#(ScenarioLimits.horizonPeriods.upperBound),
      "description": "Number of simulated periods H (1 to 6000)."
    },
    "annualDiscountRate": {
      "$ref": "#/$defs/Dist",
      "description": "Annual discount rate R (> -1), e.g. 0.1 for 10%; per-period rate d = (1+R)^(1/periodsPerYear) - 1."
    },
    "cashFlowTiming": {
      "enum": [
        "start",
        "end"
      ],
      "default": "start",
      "description": "\"start\": period t is discounted by (1+d)^-(t-1); \"end\": by (1+d)^-t. Default \"start\"."
    },
    "trials": {
      "type": "integer",
      "minimum": 1,
      "maximum": \#(ScenarioLimits.trials.upperBound),
      "default": 10000,
      "description": "Default number of Monte Carlo trials (1 to 100,000,000). Default 10000."
    },
    "seed": {
      "type": "integer",
      "minimum": 0,
      "maximum": 18446744073709551615,
      "default": 1,
      "description": "Default random seed (0 to 2^64-1). Default 1."
    },
    "intervals": {
      "type": "array",
      "items": {
        "type": "number",
        "exclusiveMinimum": 0,
        "exclusiveMaximum": 1
      },
      "minItems": 1,
      "maxItems": \#(ScenarioLimits.intervals.upperBound),
      "default": [
        0.9
      ],
      "description": "Levels of the equal-tailed intervals reported for every statistic, each in (0, 1). Default [0.9]."
    },
    "segments": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/Segment"
      },
      "minItems": 1,
      "maxItems": \#(ScenarioLimits.segments.upperBound),
      "description": "Customer segments (1 to 1000, unique names)."
    },
    "acquisition": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/AcquisitionPlan"
      },
      "maxItems": \#(ScenarioLimits.maximumListCount),
      "description": "Acquisition plans bringing new customers into segments."
    },
    "correlations": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/Correlation"
      },
      "maxItems": \#(ScenarioLimits.maximumListCount),
      "description": "Spearman rank correlations between per-trial inputs."
    },
    "strategies": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/Strategy"
      },
      "maxItems": \#(ScenarioLimits.maximumListCount),
      "description": "Strategies compared with the baseline under common random numbers."
    },
    "decisions": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/Decision"
      },
      "maxItems": \#(ScenarioLimits.maximumDecisions),
      "description": "Decision variables (spends) that response curves use and `clvsim optimize` searches. See docs/optimization.md."
    }
  },
  "$defs": {
    "Decision": {
      "type": "object",
      "description": "A decision variable: a spend chosen within [min, max].",
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1,
          "description": "Unique name; a response curve's spend refers to it."
        },
        "min": {
          "type": "number",
          "minimum": 0,
          "description": "Smallest value (>= 0)."
        },
        "max": {
          "type": "number",
          "minimum": 0,
          "description": "Largest value (>= min)."
        },
        "value": {
          "type": "number",
          "minimum": 0,
          "description": "The value `clvsim run` uses (within [min, max]); default min."
        }
      },
      "required": [
        "name",
        "min",
        "max"
      ],
      "additionalProperties": false
    },
    "Response": {
      "type": "object",
      "description": "A rate that responds to spend: floor + (ceiling - floor) * (1 - exp(-k * spend)).",
      "properties": {
        "response": {
          "const": "exponential"
        },
        "floor": {
          "$ref": "#/$defs/Dist",
          "description": "Rate at zero spend, in [0, 1] (default 0); never above the ceiling."
        },
        "ceiling": {
          "$ref": "#/$defs/Dist",
          "description": "Rate that unlimited spend approaches, in [0, 1]."
        },
        "k": {
          "$ref": "#/$defs/Dist",
          "description": "Responsiveness (>= 0) per unit of spend."
        },
        "spend": {
          "description": "Spend per unit: a number >= 0 or the name of a decision.",
          "oneOf": [
            {
              "type": "number",
              "minimum": 0
            },
            {
              "type": "string",
              "minLength": 1
            }
          ]
        }
      },
      "required": [
        "response",
        "ceiling",
        "k",
        "spend"
      ],
      "additionalProperties": false
    },
    "Period": {
      "type": "integer",
      "minimum": 1,
      "maximum": \#(ScenarioLimits.horizonPeriods.upperBound),
      "description": "A period number, from 1 to horizonPeriods."
    },
    "Dist": {
      "description": "A value drawn once per trial: a plain number (fixed), or an object with a \"dist\" key.",
      "anyOf": [
        {
          "type": "number",
          "description": "A fixed value."
        },
        {
          "type": "object",
          "description": "A fixed value.",
          "properties": {
            "dist": {
              "const": "fixed",
              "description": "A fixed value."
            },
            "value": {
              "type": "number",
              "description": "The value."
            }
          },
          "required": [
            "dist",
            "value"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Uniform on [min, max].",
          "properties": {
            "dist": {
              "const": "uniform",
              "description": "Uniform on [min, max]."
            },
            "min": {
              "type": "number",
              "description": "Lower end."
            },
            "max": {
              "type": "number",
              "description": "Upper end (> min)."
            }
          },
          "required": [
            "dist",
            "min",
            "max"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Triangular on [min, max] with the given mode.",
          "properties": {
            "dist": {
              "const": "triangular",
              "description": "Triangular on [min, max] with the given mode."
            },
            "min": {
              "type": "number",
              "description": "Lower end."
            },
            "mode": {
              "type": "number",
              "description": "Most likely value."
            },
            "max": {
              "type": "number",
              "description": "Upper end."
            }
          },
          "required": [
            "dist",
            "min",
            "mode",
            "max"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Beta-PERT (lambda 4) on [min, max].",
          "properties": {
            "dist": {
              "const": "pert",
              "description": "Beta-PERT (lambda 4) on [min, max]."
            },
            "min": {
              "type": "number",
              "description": "Lower end."
            },
            "mode": {
              "type": "number",
              "description": "Most likely value."
            },
            "max": {
              "type": "number",
              "description": "Upper end."
            }
          },
          "required": [
            "dist",
            "min",
            "mode",
            "max"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Normal, truncated to [min, max] where bounds are given.",
          "properties": {
            "dist": {
              "const": "normal",
              "description": "Normal, truncated to [min, max] where bounds are given."
            },
            "mean": {
              "type": "number",
              "description": "Mean (before truncation)."
            },
            "sd": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Standard deviation (> 0)."
            },
            "min": {
              "type": "number",
              "description": "Optional lower truncation bound."
            },
            "max": {
              "type": "number",
              "description": "Optional upper truncation bound."
            }
          },
          "required": [
            "dist",
            "mean",
            "sd"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Lognormal given the mean and sd of the variable (not of its log).",
          "properties": {
            "dist": {
              "const": "lognormal",
              "description": "Lognormal given the mean and sd of the variable (not of its log)."
            },
            "mean": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Mean of the variable itself (> 0)."
            },
            "sd": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Standard deviation of the variable itself (> 0)."
            }
          },
          "required": [
            "dist",
            "mean",
            "sd"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Gamma by shape and scale.",
          "properties": {
            "dist": {
              "const": "gamma",
              "description": "Gamma by shape and scale."
            },
            "shape": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Shape k (> 0)."
            },
            "scale": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Scale theta (> 0); mean k*theta."
            }
          },
          "required": [
            "dist",
            "shape",
            "scale"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Gamma by mean and sd: shape = mean^2/sd^2, scale = sd^2/mean.",
          "properties": {
            "dist": {
              "const": "gamma",
              "description": "Gamma by mean and sd: shape = mean^2/sd^2, scale = sd^2/mean."
            },
            "mean": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Mean (> 0)."
            },
            "sd": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Standard deviation (> 0)."
            }
          },
          "required": [
            "dist",
            "mean",
            "sd"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Beta(alpha, beta) on [0, 1].",
          "properties": {
            "dist": {
              "const": "beta",
              "description": "Beta(alpha, beta) on [0, 1]."
            },
            "alpha": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "alpha (> 0)."
            },
            "beta": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "beta (> 0)."
            }
          },
          "required": [
            "dist",
            "alpha",
            "beta"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Beta by mean and sd.",
          "properties": {
            "dist": {
              "const": "beta",
              "description": "Beta by mean and sd."
            },
            "mean": {
              "type": "number",
              "exclusiveMinimum": 0,
              "exclusiveMaximum": 1,
              "description": "Mean in (0, 1)."
            },
            "sd": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Standard deviation, below sqrt(mean(1-mean))."
            }
          },
          "required": [
            "dist",
            "mean",
            "sd"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Poisson with the given mean.",
          "properties": {
            "dist": {
              "const": "poisson",
              "description": "Poisson with the given mean."
            },
            "mean": {
              "type": "number",
              "minimum": 0,
              "description": "Mean (>= 0)."
            }
          },
          "required": [
            "dist",
            "mean"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Values with weights proportional to the weights.",
          "properties": {
            "dist": {
              "const": "discrete",
              "description": "Values with weights proportional to the weights."
            },
            "values": {
              "type": "array",
              "items": {
                "type": "number"
              },
              "minItems": 1,
              "maxItems": \#(ScenarioLimits.distributionEntries.upperBound),
              "description": "The possible values."
            },
            "weights": {
              "type": "array",
              "items": {
                "type": "number",
                "minimum": 0
              },
              "minItems": 1,
              "maxItems": \#(ScenarioLimits.distributionEntries.upperBound),
              "description": "One weight (>= 0) per value; need not sum to 1."
            }
          },
          "required": [
            "dist",
            "values",
            "weights"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Uniform resampling of the samples.",
          "properties": {
            "dist": {
              "const": "empirical",
              "description": "Uniform resampling of the samples."
            },
            "samples": {
              "type": "array",
              "items": {
                "type": "number"
              },
              "minItems": 1,
              "maxItems": \#(ScenarioLimits.distributionEntries.upperBound),
              "description": "Observed values, resampled uniformly."
            }
          },
          "required": [
            "dist",
            "samples"
          ],
          "additionalProperties": false
        }
      ]
    },
    "Segment": {
      "type": "object",
      "description": "A group of customers sharing retention, spend and referral behaviour.",
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": \#(ScenarioLimits.maximumNameLength),
          "description": "Unique segment name; scenario paths refer to segments.<name>. No dots."
        },
        "customers": {
          "type": "integer",
          "minimum": 0,
          "maximum": \#(ScenarioLimits.customers.upperBound),
          "default": 0,
          "description": "Current customers at the start of period 1. Default 0."
        },
        "renewals": {
          "type": "integer",
          "minimum": 0,
          "maximum": \#(ScenarioLimits.renewals.upperBound),
          "default": 0,
          "description": "Renewals the current customers have already made. Default 0."
        },
        "retention": {
          "$ref": "#/$defs/Retention"
        },
        "revenue": {
          "$ref": "#/$defs/Dist",
          "description": "Mean revenue per active period per customer (>= 0)."
        },
        "revenueVariation": {
          "type": "object",
          "description": "Per-customer persistent spend multiplier; absent means every customer spends the segment's revenue.",
          "properties": {
            "shape": {
              "type": "number",
              "exclusiveMinimum": 0,
              "description": "Shape k (> 0) of the Gamma(k, 1/k) per-customer spend multiplier (mean 1, variance 1/k)."
            }
          },
          "required": [
            "shape"
          ],
          "additionalProperties": false
        },
        "revenueGrowth": {
          "$ref": "#/$defs/Dist",
          "description": "Annual growth of a customer's revenue with tenure (> -1). Default 0."
        },
        "margin": {
          "$ref": "#/$defs/Dist",
          "description": "Margin as a fraction of revenue, in [0, 1]. Default 1."
        },
        "serviceCost": {
          "$ref": "#/$defs/Dist",
          "description": "Cost per active customer per period (>= 0). Default 0."
        },
        "referrals": {
          "type": "object",
          "description": "Referral behaviour of the segment's new customers.",
          "properties": {
            "coefficient": {
              "$ref": "#/$defs/Dist",
              "description": "Viral coefficient K (>= 0): each new customer brings Poisson(K) new customers."
            },
            "cyclePeriods": {
              "type": "integer",
              "minimum": 1,
              "maximum": \#(ScenarioLimits.horizonPeriods.upperBound),
              "default": 1,
              "description": "Periods between a referrer's acquisition and their referrals' acquisition. Default 1."
            },
            "into": {
              "type": "string",
              "minLength": 1,
              "description": "Segment the referred customers join. Default: the same segment."
            }
          },
          "required": [
            "coefficient"
          ],
          "additionalProperties": false
        },
        "billingPeriods": {
          "type": "integer",
          "minimum": \#(ScenarioLimits.billingPeriods.lowerBound),
          "maximum": \#(ScenarioLimits.billingPeriods.upperBound),
          "default": 1,
          "description": "Periods per billing cycle b: a customer pays b periods of revenue at the start of each cycle and renews once per cycle, at its end (12 with monthly periods is an annual plan). Not with recency retention. Default 1."
        },
        "recency": {
          "type": "integer",
          "minimum": \#(ScenarioLimits.recencyStates.lowerBound),
          "maximum": \#(ScenarioLimits.recencyStates.upperBound),
          "default": 1,
          "description": "Recency retention only: periods since the current customers' last purchase at the start of period 1, from 1 to the number of purchase probabilities. Default 1."
        },
        "migration": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/Migration"
          },
          "maxItems": \#(ScenarioLimits.segments.upperBound),
          "description": "Moves into other segments at renewal. Each destination at most once; the probabilities, conditional on renewing, must not be able to sum above 1. Not with recency or sbg retention. Default []."
        }
      },
      "required": [
        "name",
        "retention",
        "revenue"
      ],
      "additionalProperties": false
    },
    "Migration": {
      "type": "object",
      "description": "A move at renewal into another segment: a customer who renews moves with this probability (conditional on renewing) and from then on follows that segment's billing, retention, revenue and costs.",
      "properties": {
        "to": {
          "type": "string",
          "minLength": 1,
          "maxLength": \#(ScenarioLimits.maximumNameLength),
          "description": "The segment the customer moves into: another existing segment."
        },
        "probability": {
          "$ref": "#/$defs/Dist",
          "description": "Probability in [0, 1] of moving, conditional on renewing; drawn once per trial."
        }
      },
      "required": [
        "to",
        "probability"
      ],
      "additionalProperties": false
    },
    "Retention": {
      "description": "How customers renew: constant rate, shifted-beta-geometric (sbg), a retention curve, or recency states (customers who lapse).",
      "anyOf": [
        {
          "type": "object",
          "description": "Every renewal succeeds with probability rate.",
          "properties": {
            "model": {
              "const": "constant"
            },
            "rate": {
              "description": "Probability in [0, 1] that each renewal succeeds, or a response curve of retention spend per active customer per period.",
              "oneOf": [
                {
                  "$ref": "#/$defs/Dist"
                },
                {
                  "$ref": "#/$defs/Response"
                }
              ]
            }
          },
          "required": [
            "model",
            "rate"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Shifted-beta-geometric: each customer draws a churn probability from Beta(alpha, beta) once.",
          "properties": {
            "model": {
              "const": "sbg"
            },
            "alpha": {
              "$ref": "#/$defs/Dist",
              "description": "alpha (> 0) of the Beta(alpha, beta) churn probability."
            },
            "beta": {
              "$ref": "#/$defs/Dist",
              "description": "beta (> 0) of the Beta(alpha, beta) churn probability."
            }
          },
          "required": [
            "model",
            "alpha",
            "beta"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "A retention curve by renewal number.",
          "properties": {
            "model": {
              "const": "curve"
            },
            "rates": {
              "type": "array",
              "items": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "minItems": 1,
              "maxItems": \#(ScenarioLimits.curveRates.upperBound),
              "description": "rates[n-1] is the probability that renewal n succeeds; the last rate repeats."
            },
            "scale": {
              "$ref": "#/$defs/Dist",
              "description": "Factor (>= 0) applied to every rate (result clamped to [0, 1]). Default 1."
            }
          },
          "required": [
            "model",
            "rates"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "description": "Recency states (non-contractual): a customer j periods after their last purchase buys with purchaseProbability[j-1]; a purchase resets the recency to 1, and a customer who has not bought for as many periods as there are probabilities is lost.",
          "properties": {
            "model": {
              "const": "recency"
            },
            "purchaseProbability": {
              "type": "array",
              "items": {
                "$ref": "#/$defs/Dist"
              },
              "minItems": \#(ScenarioLimits.recencyStates.lowerBound),
              "maxItems": \#(ScenarioLimits.recencyStates.upperBound),
              "description": "Purchase probability in [0, 1] of recency 1, 2, ..., k (one Dist per recency state)."
            }
          },
          "required": [
            "model",
            "purchaseProbability"
          ],
          "additionalProperties": false
        }
      ]
    },
    "AcquisitionPlan": {
      "type": "object",
      "description": "New customers bought into a segment: customersPerPeriod, or budgetPerPeriod and cac, or prospectsPerPeriod and conversion.",
      "properties": {
        "segment": {
          "type": "string",
          "minLength": 1,
          "description": "Segment the new customers join."
        },
        "fromPeriod": {
          "$ref": "#/$defs/Period",
          "description": "First period of the plan (inclusive, >= 1)."
        },
        "toPeriod": {
          "$ref": "#/$defs/Period",
          "description": "Last period of the plan (inclusive, <= horizonPeriods)."
        },
        "customersPerPeriod": {
          "$ref": "#/$defs/Dist",
          "description": "Customers acquired per period (>= 0, rounded down)."
        },
        "budgetPerPeriod": {
          "$ref": "#/$defs/Dist",
          "description": "Spend per period (>= 0)."
        },
        "cac": {
          "$ref": "#/$defs/Dist",
          "description": "Cost of acquiring one customer (> 0); customers per period = floor(budget / cac)."
        },
        "prospectsPerPeriod": {
          "$ref": "#/$defs/Dist",
          "description": "Prospects reached per period (>= 0, rounded down); each converts with the conversion rate."
        },
        "conversion": {
          "$ref": "#/$defs/Response",
          "description": "Conversion rate of a prospect as a response curve of spend per prospect; the spend is prospects * spend."
        }
      },
      "required": [
        "segment",
        "fromPeriod",
        "toPeriod"
      ],
      "additionalProperties": false,
      "oneOf": [
        {
          "required": [
            "customersPerPeriod"
          ],
          "not": {
            "anyOf": [
              {
                "required": [
                  "budgetPerPeriod"
                ]
              },
              {
                "required": [
                  "cac"
                ]
              },
              {
                "required": [
                  "prospectsPerPeriod"
                ]
              },
              {
                "required": [
                  "conversion"
                ]
              }
            ]
          }
        },
        {
          "required": [
            "budgetPerPeriod",
            "cac"
          ],
          "not": {
            "anyOf": [
              {
                "required": [
                  "customersPerPeriod"
                ]
              },
              {
                "required": [
                  "prospectsPerPeriod"
                ]
              },
              {
                "required": [
                  "conversion"
                ]
              }
            ]
          }
        },
        {
          "required": [
            "prospectsPerPeriod",
            "conversion"
          ],
          "not": {
            "anyOf": [
              {
                "required": [
                  "customersPerPeriod"
                ]
              },
              {
                "required": [
                  "budgetPerPeriod"
                ]
              },
              {
                "required": [
                  "cac"
                ]
              }
            ]
          }
        }
      ]
    },
    "ScenarioPath": {
      "type": "string",
      "minLength": 1,
      "description": "Path of a distribution field: annualDiscountRate, segments.<name>.<field>[.<sub>] (revenue, revenueGrowth, margin, serviceCost, retention.rate, retention.alpha, retention.beta, retention.scale, retention.rate.floor, retention.rate.ceiling, retention.rate.k, referrals.coefficient, retention.purchaseProbability.<j>, migration.<i>.probability; indices from 0), or acquisition.<index>.<field> (customersPerPeriod, budgetPerPeriod, cac, prospectsPerPeriod, conversion.floor, conversion.ceiling, conversion.k)."
    },
    "Correlation": {
      "type": "object",
      "description": "A rank correlation between two per-trial inputs, imposed with a Gaussian copula.",
      "properties": {
        "between": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/ScenarioPath"
          },
          "minItems": 2,
          "maxItems": 2,
          "description": "The two inputs, by scenario path."
        },
        "rank": {
          "type": "number",
          "exclusiveMinimum": -1,
          "exclusiveMaximum": 1,
          "description": "Spearman rank correlation in (-1, 1)."
        }
      },
      "required": [
        "between",
        "rank"
      ],
      "additionalProperties": false
    },
    "Strategy": {
      "type": "object",
      "description": "A change to the scenario's inputs with a cost.",
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": \#(ScenarioLimits.maximumNameLength),
          "description": "Unique strategy name. No dots."
        },
        "changes": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/Change"
          },
          "minItems": 1,
          "maxItems": \#(ScenarioLimits.maximumListCount),
          "description": "Changes applied to the trial's drawn inputs."
        },
        "cost": {
          "$ref": "#/$defs/Cost"
        }
      },
      "required": [
        "name",
        "changes"
      ],
      "additionalProperties": false
    },
    "Change": {
      "type": "object",
      "description": "One change: target, exactly one of set, add, multiply, and an optional window fromPeriod..toPeriod.",
      "properties": {
        "target": {
          "$ref": "#/$defs/ScenarioPath"
        },
        "set": {
          "$ref": "#/$defs/Dist",
          "description": "Replace the drawn value by this distribution's value at the same quantile."
        },
        "add": {
          "$ref": "#/$defs/Dist",
          "description": "Add this amount (drawn once per trial) to the drawn value."
        },
        "multiply": {
          "$ref": "#/$defs/Dist",
          "description": "Multiply the drawn value by this factor (>= 0, drawn once per trial)."
        },
        "fromPeriod": {
          "$ref": "#/$defs/Period",
          "description": "First period the change applies to (inclusive). Default: 1."
        },
        "toPeriod": {
          "$ref": "#/$defs/Period",
          "description": "Last period the change applies to (inclusive). Default: horizonPeriods."
        }
      },
      "required": [
        "target"
      ],
      "additionalProperties": false,
      "oneOf": [
        {
          "required": [
            "set"
          ]
        },
        {
          "required": [
            "add"
          ]
        },
        {
          "required": [
            "multiply"
          ]
        }
      ]
    },
    "Cost": {
      "type": "object",
      "description": "The cost of running the strategy, discounted like cash flows.",
      "properties": {
        "upfront": {
          "$ref": "#/$defs/Dist",
          "description": "Paid once, in period 1 (>= 0)."
        },
        "perPeriod": {
          "$ref": "#/$defs/Dist",
          "description": "Paid every period of the window (>= 0)."
        },
        "perActiveCustomer": {
          "$ref": "#/$defs/Dist",
          "description": "Paid per active customer per period of the window in the appliesTo segments (>= 0)."
        },
        "appliesTo": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "minItems": 1,
          "description": "Segments whose active customers incur perActiveCustomer. Default: all."
        },
        "fromPeriod": {
          "$ref": "#/$defs/Period",
          "description": "First period in which perPeriod and perActiveCustomer are paid (inclusive). Default: 1."
        },
        "toPeriod": {
          "$ref": "#/$defs/Period",
          "description": "Last period in which perPeriod and perActiveCustomer are paid (inclusive). Default: horizonPeriods."
        }
      },
      "additionalProperties": false
    }
  }
}
"""#
}
