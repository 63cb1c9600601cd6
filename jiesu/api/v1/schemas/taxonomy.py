"""The taxonomy as API v1 publishes it (GET /api/v1/taxonomy): the codes other systems (the 12345
platform, mini-programs) send in an order body, with the names staff read."""

from ninja import Field, Schema


class TaxonomyEntryOut(Schema):
    code: str = Field(description="代码：工单和接口中使用的值")
    name: str = Field(description="名称")
    description: str = ""


class RequestOut(TaxonomyEntryOut):
    alias: str | None = Field(None, description="也可使用的英文代码，例如 return")


class CategoryOut(TaxonomyEntryOut):
    children: list[TaxonomyEntryOut] = Field(default_factory=list, description="二级类别")


class TaxonomyOut(Schema):
    lines: list[TaxonomyEntryOut] = Field(description="分流条线 / routing lines (`line`)")
    categories: list[CategoryOut] = Field(description="商品服务类别，两级 / categories (`product.category`)")
    requests: list[RequestOut] = Field(description="诉求 / requests (`requests`)")
    issues: list[RequestOut] = Field(description="问题性质 / issue natures")
    fast_response_reasons: list[TaxonomyEntryOut] = Field(
        description="快速响应情形 / fast-response reasons (`fast_response_reasons`)"
    )
