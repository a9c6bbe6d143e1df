using Store.Core;

namespace Store.Filters
{
    // The constructor stores its parameter in a field; OnActionExecuting evaluates it.
    public class FlagGateAttribute : ActionFilterAttribute
    {
        private readonly string _flagKey;

        public FlagGateAttribute(string flagKey)
        {
            _flagKey = flagKey;
        }

        public override void OnActionExecuting(ActionExecutingContext context)
        {
            var features = context.HttpContext.RequestServices.GetRequiredService<IFeatureService>();
            if (!features.IsEnabled(_flagKey))
            {
                throw new NotFoundException();
            }
        }
    }

    // A C# 12 primary constructor: the parameter is read directly.
    public class FlagGateEndpointFilter(string flagKey) : IEndpointFilter
    {
        public async ValueTask<object> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var features = context.HttpContext.RequestServices.GetRequiredService<IFeatureService>();
            if (!features.IsEnabled(flagKey))
            {
                throw new NotFoundException();
            }
            return await next(context);
        }
    }

    public static class FlagGateExtensions
    {
        // An extension method passing its parameter to the filter's constructor.
        public static RouteGroupBuilder RequireFlag(this RouteGroupBuilder group, string flagKey)
        {
            group.AddEndpointFilter(new FlagGateEndpointFilter(flagKey));
            return group;
        }
    }

    // Not a wrapper: the field is written again outside the constructor.
    public class RetargetableGateAttribute : ActionFilterAttribute
    {
        private string _flagKey;

        public RetargetableGateAttribute(string flagKey) { _flagKey = flagKey; }

        public void Retarget(string other) { _flagKey = other; }

        public override void OnActionExecuting(ActionExecutingContext context)
        {
            var features = context.HttpContext.RequestServices.GetRequiredService<IFeatureService>();
            features.IsEnabled(_flagKey); // want key=null
        }
    }

    // Not a wrapper: its IsEnabled is not the feature service's.
    public class PermissionGateAttribute : ActionFilterAttribute
    {
        private readonly string _permission;

        public PermissionGateAttribute(string permission) { _permission = permission; }

        public override void OnActionExecuting(ActionExecutingContext context)
        {
            var policy = context.HttpContext.RequestServices.GetRequiredService<PolicyChecker>();
            policy.IsEnabled(_permission);
        }
    }

    public class PolicyChecker
    {
        public bool IsEnabled(string permission) => permission != "";
    }
}
