using IncidentBot.Alerts;
using IncidentBot.Domain;
using static IncidentBot.Tests.Alerts.AlertFixtures;

namespace IncidentBot.Tests.Alerts;

public sealed class GreatExpectationsPayloadTests
{
    [Fact]
    public void V1List_GivesOneSignalPerValidation()
    {
        var signals = Accept("great-expectations", Text("great_expectations_v1.json")).Signals;

        Assert.Equal(3, signals.Count);

        var sales = signals[0];
        Assert.Equal("great-expectations", sales.Source);
        Assert.Equal("great-expectations:fct_sales_suite:fct_sales", sales.Fingerprint);
        Assert.Equal(AlertStatus.Firing, sales.Status); // one of the results failed
        Assert.Equal("Great Expectations suite fct_sales_suite failed on fct_sales", sales.Title);
        Assert.Null(sales.Severity);
        Assert.Equal(Category.DataQuality, sales.Category);
        Assert.Equal(["fct_sales"], sales.Assets);
        Assert.Null(sales.ObservedAt);
        Assert.Null(sales.Url);
        Assert.Equal("expect_column_values_to_not_be_null(id): 12 unexpected", sales.Details);
        Assert.Equal("Great Expectations", sales.DetectedBy);

        var orders = signals[1];
        Assert.Equal("great-expectations:fct_orders_suite:fct_orders", orders.Fingerprint);
        Assert.Equal(Category.DataLoss, orders.Category); // a failed row count expectation
        Assert.Equal("expect_table_row_count_to_be_between: observed 0; expect_column_values_to_not_be_null(order_id): 3 unexpected", orders.Details);

        var users = signals[2];
        Assert.Equal("great-expectations:dim_users_suite", users.Fingerprint); // GE's "no asset" placeholder is no asset
        Assert.Equal(AlertStatus.Resolved, users.Status);
        Assert.Equal("Great Expectations suite dim_users_suite passed", users.Title);
        Assert.Empty(users.Assets);
        Assert.Null(users.Details);
    }

    [Fact]
    public void LegacySingleObject_ReadsSuiteAndAssetFromMeta()
    {
        var signal = Assert.Single(Accept("great-expectations", Text("great_expectations_legacy.json")).Signals);

        Assert.Equal("great-expectations:fct_sales_schema:marts.fct_sales", signal.Fingerprint);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("Great Expectations suite fct_sales_schema failed on marts.fct_sales", signal.Title);
        Assert.Equal(Category.SchemaBreak, signal.Category); // expectation_type, the older spelling
        Assert.Equal(["marts.fct_sales"], signal.Assets);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 6, 40, 0, TimeSpan.Zero), signal.ObservedAt);
        Assert.Equal("expect_table_columns_to_match_ordered_list", signal.Details);
    }

    [Fact]
    public void TopLevelSuccess_WinsOverTheResults_AndSuiteNameIsAccepted()
    {
        var body = """{"suite_name":"s","data_asset_name":"a","success":true,"validation_results":[{"success":false}]}""";

        var signal = Assert.Single(Accept("great-expectations", body).Signals);

        Assert.Equal("great-expectations:s:a", signal.Fingerprint);
        Assert.Equal(AlertStatus.Resolved, signal.Status);
    }

    [Fact]
    public void WithoutSuite_IsRefused()
    {
        Assert.Contains("names no suite", Refuse("great-expectations", """[{"data_asset_name":"a","validation_results":[{"success":false}]}]"""), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnyOutcome_IsRefused()
    {
        Assert.Contains("has no success", Refuse("great-expectations", """{"test_suite_name":"s","validation_results":[]}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyList_IsRefused()
    {
        Assert.Contains("holds no validation result", Refuse("great-expectations", "[]"), StringComparison.Ordinal);
    }
}
